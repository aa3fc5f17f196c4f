import {
  decideTransition,
  isLegalTransition,
  legalSources,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderTrigger,
  type TransitionDecision,
} from '@estore/core/order';

const apply = (from: OrderStatus, to: 'PAID' | 'PAYMENT_FAILED' | 'CANCELED'): TransitionDecision => ({
  kind: 'apply',
  from,
  to,
  note: expect.any(String),
  releasesStock: to === 'CANCELED',
  event: ({ PAID: 'OrderPaid', PAYMENT_FAILED: 'OrderPaymentFailed', CANCELED: 'OrderCanceled' } as const)[to],
});
const ignore: TransitionDecision = { kind: 'ignore', reason: expect.any(String) };
const refund: TransitionDecision = { kind: 'refund', note: expect.any(String) };

describe('decideTransition', () => {
  // Every (current status x trigger) pair: 4 x 5.
  it.each<[OrderStatus, OrderTrigger, TransitionDecision]>([
    ['PENDING_PAYMENT', 'payment-succeeded', apply('PENDING_PAYMENT', 'PAID')],
    ['PENDING_PAYMENT', 'payment-failed', apply('PENDING_PAYMENT', 'PAYMENT_FAILED')],
    ['PENDING_PAYMENT', 'payment-canceled', apply('PENDING_PAYMENT', 'CANCELED')],
    ['PENDING_PAYMENT', 'expired', apply('PENDING_PAYMENT', 'CANCELED')],
    ['PENDING_PAYMENT', 'provider-unavailable', apply('PENDING_PAYMENT', 'CANCELED')],
    ['PAID', 'payment-succeeded', ignore],
    ['PAID', 'payment-failed', ignore],
    ['PAID', 'payment-canceled', ignore],
    ['PAID', 'expired', ignore],
    ['PAID', 'provider-unavailable', ignore],
    ['PAYMENT_FAILED', 'payment-succeeded', apply('PAYMENT_FAILED', 'PAID')],
    ['PAYMENT_FAILED', 'payment-failed', ignore],
    ['PAYMENT_FAILED', 'payment-canceled', apply('PAYMENT_FAILED', 'CANCELED')],
    ['PAYMENT_FAILED', 'expired', apply('PAYMENT_FAILED', 'CANCELED')],
    ['PAYMENT_FAILED', 'provider-unavailable', apply('PAYMENT_FAILED', 'CANCELED')],
    ['CANCELED', 'payment-succeeded', refund],
    ['CANCELED', 'payment-failed', ignore],
    ['CANCELED', 'payment-canceled', ignore],
    ['CANCELED', 'expired', ignore],
    ['CANCELED', 'provider-unavailable', ignore],
  ])('an order in %s receiving %s', (current, trigger, expected) => {
    expect(decideTransition(current, trigger)).toEqual(expected);
  });

  it('releases stock only when the order ends canceled, never when it is paid or only failed', () => {
    const releasing = ORDER_STATUSES.flatMap((status) =>
      (['payment-succeeded', 'payment-failed', 'payment-canceled', 'expired', 'provider-unavailable'] as const).flatMap(
        (trigger) => {
          const decision = decideTransition(status, trigger);
          return decision.kind === 'apply' && decision.releasesStock ? [decision.to] : [];
        },
      ),
    );
    expect(new Set(releasing)).toEqual(new Set(['CANCELED']));
  });

  it('says why a repeated trigger changed nothing', () => {
    expect(decideTransition('PAID', 'payment-succeeded')).toEqual({ kind: 'ignore', reason: 'already PAID' });
    expect(decideTransition('PAID', 'expired')).toEqual({
      kind: 'ignore',
      reason: 'expired cannot move an order from PAID',
    });
  });
});

describe('isLegalTransition', () => {
  it('allows exactly the five documented moves among all 16 status pairs', () => {
    const matrix = Object.fromEntries(
      ORDER_STATUSES.map((from) => [
        from,
        Object.fromEntries(ORDER_STATUSES.map((to) => [to, isLegalTransition(from, to)])),
      ]),
    );
    expect(matrix).toEqual({
      PENDING_PAYMENT: { PENDING_PAYMENT: false, PAID: true, PAYMENT_FAILED: true, CANCELED: true },
      PAID: { PENDING_PAYMENT: false, PAID: false, PAYMENT_FAILED: false, CANCELED: false },
      PAYMENT_FAILED: { PENDING_PAYMENT: false, PAID: true, PAYMENT_FAILED: false, CANCELED: true },
      CANCELED: { PENDING_PAYMENT: false, PAID: false, PAYMENT_FAILED: false, CANCELED: false },
    });
  });
});

describe('legalSources', () => {
  it.each<[OrderStatus, OrderStatus[]]>([
    ['PENDING_PAYMENT', []],
    ['PAID', ['PENDING_PAYMENT', 'PAYMENT_FAILED']],
    ['PAYMENT_FAILED', ['PENDING_PAYMENT']],
    ['CANCELED', ['PENDING_PAYMENT', 'PAYMENT_FAILED']],
  ])('lists the states an order may reach %s from', (to, sources) => {
    expect(legalSources(to)).toEqual(sources);
  });
});
