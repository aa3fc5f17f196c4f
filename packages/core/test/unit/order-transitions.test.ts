import {
  type CancelReason,
  decideTransition,
  isLegalTransition,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderTrigger,
  type TransitionDecision,
} from '@estore/core/order';

const TRIGGERS: readonly OrderTrigger[] = [
  'payment-succeeded',
  'payment-failed',
  'payment-canceled',
  'expired',
  'provider-unavailable',
  'intent-missing',
  'customer-cancel',
  'staff-cancel',
  'ship',
  'deliver',
];

type Applied = Extract<TransitionDecision, { kind: 'apply' }>;

/** The decision a table row expects, spelled out flag by flag so every row pins all of them. */
function apply(
  trigger: OrderTrigger,
  from: OrderStatus,
  to: Applied['to'],
  flags: { releasesStock?: boolean; refundsPayment?: boolean; leavesUnpaid?: boolean; cancelReason?: CancelReason },
): Applied {
  const event = (
    {
      PAID: 'OrderPaid',
      PAYMENT_FAILED: 'OrderPaymentFailed',
      CANCELED: 'OrderCanceled',
      SHIPPED: 'OrderShipped',
      DELIVERED: 'OrderDelivered',
    } as const
  )[to];
  return {
    kind: 'apply',
    trigger,
    from,
    to,
    note: expect.any(String),
    releasesStock: flags.releasesStock ?? false,
    refundsPayment: flags.refundsPayment ?? false,
    leavesUnpaid: flags.leavesUnpaid ?? false,
    ...(flags.cancelReason ? { cancelReason: flags.cancelReason } : {}),
    event,
  };
}

const ignore: TransitionDecision = { kind: 'ignore', reason: expect.any(String) };
const refund: TransitionDecision = { kind: 'refund', note: expect.any(String) };
/** An unpaid order canceled: stock back, out of the customer's unpaid set, nothing to refund. */
const cancelUnpaid = (trigger: OrderTrigger, from: OrderStatus, cancelReason: CancelReason) =>
  apply(trigger, from, 'CANCELED', { releasesStock: true, leavesUnpaid: true, cancelReason });
/** A paid order canceled: stock back and the payment refunded; it had left the unpaid set when paid. */
const cancelPaid = (trigger: OrderTrigger, cancelReason: CancelReason) =>
  apply(trigger, 'PAID', 'CANCELED', { releasesStock: true, refundsPayment: true, cancelReason });

describe('decideTransition', () => {
  // Every (current status x trigger) pair: 6 x 10.
  const table: Array<[OrderStatus, OrderTrigger, TransitionDecision]> = [
    [
      'PENDING_PAYMENT',
      'payment-succeeded',
      apply('payment-succeeded', 'PENDING_PAYMENT', 'PAID', { leavesUnpaid: true }),
    ],
    ['PENDING_PAYMENT', 'payment-failed', apply('payment-failed', 'PENDING_PAYMENT', 'PAYMENT_FAILED', {})],
    ['PENDING_PAYMENT', 'payment-canceled', cancelUnpaid('payment-canceled', 'PENDING_PAYMENT', 'provider')],
    ['PENDING_PAYMENT', 'expired', cancelUnpaid('expired', 'PENDING_PAYMENT', 'expired')],
    ['PENDING_PAYMENT', 'provider-unavailable', cancelUnpaid('provider-unavailable', 'PENDING_PAYMENT', 'provider')],
    ['PENDING_PAYMENT', 'intent-missing', cancelUnpaid('intent-missing', 'PENDING_PAYMENT', 'provider')],
    ['PENDING_PAYMENT', 'customer-cancel', cancelUnpaid('customer-cancel', 'PENDING_PAYMENT', 'customer')],
    ['PENDING_PAYMENT', 'staff-cancel', cancelUnpaid('staff-cancel', 'PENDING_PAYMENT', 'staff')],
    ['PENDING_PAYMENT', 'ship', ignore],
    ['PENDING_PAYMENT', 'deliver', ignore],

    [
      'PAYMENT_FAILED',
      'payment-succeeded',
      apply('payment-succeeded', 'PAYMENT_FAILED', 'PAID', { leavesUnpaid: true }),
    ],
    ['PAYMENT_FAILED', 'payment-failed', ignore],
    ['PAYMENT_FAILED', 'payment-canceled', cancelUnpaid('payment-canceled', 'PAYMENT_FAILED', 'provider')],
    ['PAYMENT_FAILED', 'expired', cancelUnpaid('expired', 'PAYMENT_FAILED', 'expired')],
    ['PAYMENT_FAILED', 'provider-unavailable', cancelUnpaid('provider-unavailable', 'PAYMENT_FAILED', 'provider')],
    ['PAYMENT_FAILED', 'intent-missing', cancelUnpaid('intent-missing', 'PAYMENT_FAILED', 'provider')],
    ['PAYMENT_FAILED', 'customer-cancel', cancelUnpaid('customer-cancel', 'PAYMENT_FAILED', 'customer')],
    ['PAYMENT_FAILED', 'staff-cancel', cancelUnpaid('staff-cancel', 'PAYMENT_FAILED', 'staff')],
    ['PAYMENT_FAILED', 'ship', ignore],
    ['PAYMENT_FAILED', 'deliver', ignore],

    ['PAID', 'payment-succeeded', ignore],
    ['PAID', 'payment-failed', ignore],
    ['PAID', 'payment-canceled', ignore],
    ['PAID', 'expired', ignore],
    ['PAID', 'provider-unavailable', ignore],
    ['PAID', 'intent-missing', ignore],
    ['PAID', 'customer-cancel', cancelPaid('customer-cancel', 'customer')],
    ['PAID', 'staff-cancel', cancelPaid('staff-cancel', 'staff')],
    ['PAID', 'ship', apply('ship', 'PAID', 'SHIPPED', {})],
    ['PAID', 'deliver', ignore],

    ['SHIPPED', 'payment-succeeded', ignore],
    ['SHIPPED', 'payment-failed', ignore],
    ['SHIPPED', 'payment-canceled', ignore],
    ['SHIPPED', 'expired', ignore],
    ['SHIPPED', 'provider-unavailable', ignore],
    ['SHIPPED', 'intent-missing', ignore],
    ['SHIPPED', 'customer-cancel', ignore],
    ['SHIPPED', 'staff-cancel', ignore],
    ['SHIPPED', 'ship', ignore],
    ['SHIPPED', 'deliver', apply('deliver', 'SHIPPED', 'DELIVERED', {})],

    ['DELIVERED', 'payment-succeeded', ignore],
    ['DELIVERED', 'payment-failed', ignore],
    ['DELIVERED', 'payment-canceled', ignore],
    ['DELIVERED', 'expired', ignore],
    ['DELIVERED', 'provider-unavailable', ignore],
    ['DELIVERED', 'intent-missing', ignore],
    ['DELIVERED', 'customer-cancel', ignore],
    ['DELIVERED', 'staff-cancel', ignore],
    ['DELIVERED', 'ship', ignore],
    ['DELIVERED', 'deliver', ignore],

    // A payment that comes after the cancel is refunded; nothing else moves a canceled order.
    ['CANCELED', 'payment-succeeded', refund],
    ['CANCELED', 'payment-failed', ignore],
    ['CANCELED', 'payment-canceled', ignore],
    ['CANCELED', 'expired', ignore],
    ['CANCELED', 'provider-unavailable', ignore],
    ['CANCELED', 'intent-missing', ignore],
    ['CANCELED', 'customer-cancel', ignore],
    ['CANCELED', 'staff-cancel', ignore],
    ['CANCELED', 'ship', ignore],
    ['CANCELED', 'deliver', ignore],
  ];

  it('covers every status and trigger pair exactly once', () => {
    const pairs = new Set(table.map(([status, trigger]) => `${status}/${trigger}`));
    expect(pairs.size).toBe(table.length);
    expect(table).toHaveLength(ORDER_STATUSES.length * TRIGGERS.length);
  });

  it.each(table)('an order in %s receiving %s', (current, trigger, expected) => {
    expect(decideTransition(current, trigger)).toEqual(expected);
  });

  const applied = ORDER_STATUSES.flatMap((status) =>
    TRIGGERS.flatMap((trigger) => {
      const decision = decideTransition(status, trigger);
      return decision.kind === 'apply' ? [decision] : [];
    }),
  );

  it('releases stock exactly when an order is canceled', () => {
    for (const decision of applied) expect(decision.releasesStock).toBe(decision.to === 'CANCELED');
  });

  it("refunds the payment only for a paid order's cancel by the customer or staff", () => {
    const refunding = applied.filter((decision) => decision.refundsPayment);
    expect(refunding.map(({ from, to, trigger }) => [from, to, trigger])).toEqual([
      ['PAID', 'CANCELED', 'customer-cancel'],
      ['PAID', 'CANCELED', 'staff-cancel'],
    ]);
  });

  it('leaves the unpaid set exactly when an unpaid order is paid or canceled', () => {
    for (const decision of applied) {
      const unpaid = decision.from === 'PENDING_PAYMENT' || decision.from === 'PAYMENT_FAILED';
      expect(decision.leavesUnpaid).toBe(unpaid && (decision.to === 'PAID' || decision.to === 'CANCELED'));
    }
    expect(applied.filter((decision) => decision.leavesUnpaid)).toHaveLength(14);
  });

  it('gives a cancel reason exactly to the decisions that cancel', () => {
    for (const decision of applied) expect(decision.cancelReason !== undefined).toBe(decision.to === 'CANCELED');
  });

  it('says why a repeated or out-of-place trigger changed nothing', () => {
    expect(decideTransition('PAID', 'payment-succeeded')).toEqual({ kind: 'ignore', reason: 'already PAID' });
    expect(decideTransition('SHIPPED', 'ship')).toEqual({ kind: 'ignore', reason: 'already SHIPPED' });
    expect(decideTransition('PAID', 'expired')).toEqual({
      kind: 'ignore',
      reason: 'expired cannot move an order from PAID',
    });
    expect(decideTransition('SHIPPED', 'customer-cancel')).toEqual({
      kind: 'ignore',
      reason: 'customer-cancel cannot move an order from SHIPPED',
    });
  });
});

describe('isLegalTransition', () => {
  it('allows exactly the documented moves among all 36 status pairs', () => {
    const matrix = Object.fromEntries(
      ORDER_STATUSES.map((from) => [from, ORDER_STATUSES.filter((to) => isLegalTransition(from, to))]),
    );
    expect(matrix).toEqual({
      PENDING_PAYMENT: ['PAID', 'PAYMENT_FAILED', 'CANCELED'],
      PAID: ['CANCELED', 'SHIPPED'],
      PAYMENT_FAILED: ['PAID', 'CANCELED'],
      CANCELED: [],
      SHIPPED: ['DELIVERED'],
      DELIVERED: [],
    });
  });
});
