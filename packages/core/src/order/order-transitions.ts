import { type OrderStatus, type OutboxEventName, UNPAID_STATUSES } from './order';

/**
 * The order lifecycle's rules, pure (no I/O): which trigger moves an order from which state to
 * which (`OrderLifecycle` in order-lifecycle.ts applies them; see docs/events.md):
 *   PENDING_PAYMENT -> PAID -> SHIPPED -> DELIVERED
 *   PENDING_PAYMENT -> PAYMENT_FAILED -> PAID                 (a retried payment)
 *   PENDING_PAYMENT | PAYMENT_FAILED -> CANCELED              (provider canceled, expired, provider down, a cancel)
 *   PAID -> CANCELED                                           (a customer's or staff's cancel: refunded in full)
 * CANCELED and DELIVERED are final. The repository applies a transition as one write guarded by
 * its from-state, so a repeated or late trigger finds the order elsewhere and changes nothing.
 */
export type OrderTrigger =
  | 'payment-succeeded'
  | 'payment-failed'
  | 'payment-canceled'
  | 'expired'
  | 'provider-unavailable'
  /** The provider does not know the order's intent (the sweep asked): nothing can pay it. */
  | 'intent-missing'
  | 'customer-cancel'
  | 'staff-cancel'
  | 'ship'
  | 'deliver';

/** Why an order was canceled, as the `OrderCanceled` metric and event say it. */
export type CancelReason = 'expired' | 'customer' | 'staff' | 'provider';

interface Rule {
  from: readonly OrderStatus[];
  to: Exclude<OrderStatus, 'PENDING_PAYMENT'>;
  note: string;
  cancelReason?: CancelReason;
}

const UNPAID = ['PENDING_PAYMENT', 'PAYMENT_FAILED'] as const;

const RULES: Record<OrderTrigger, Rule> = {
  'payment-succeeded': { from: UNPAID, to: 'PAID', note: 'payment succeeded' },
  'payment-failed': { from: ['PENDING_PAYMENT'], to: 'PAYMENT_FAILED', note: 'payment failed' },
  'payment-canceled': {
    from: UNPAID,
    to: 'CANCELED',
    note: 'payment canceled by the provider',
    cancelReason: 'provider',
  },
  expired: { from: UNPAID, to: 'CANCELED', note: 'not paid in time', cancelReason: 'expired' },
  'provider-unavailable': {
    from: UNPAID,
    to: 'CANCELED',
    note: 'payment provider unavailable at checkout',
    cancelReason: 'provider',
  },
  'intent-missing': {
    from: UNPAID,
    to: 'CANCELED',
    note: 'the payment provider has no payment for this order',
    cancelReason: 'provider',
  },
  'customer-cancel': {
    from: [...UNPAID, 'PAID'],
    to: 'CANCELED',
    note: 'canceled by the customer',
    cancelReason: 'customer',
  },
  'staff-cancel': { from: [...UNPAID, 'PAID'], to: 'CANCELED', note: 'canceled by staff', cancelReason: 'staff' },
  ship: { from: ['PAID'], to: 'SHIPPED', note: 'shipped' },
  deliver: { from: ['SHIPPED'], to: 'DELIVERED', note: 'delivered' },
};

export const ORDER_EVENT_FOR: Record<Exclude<OrderStatus, 'PENDING_PAYMENT'>, OutboxEventName> = {
  PAID: 'OrderPaid',
  PAYMENT_FAILED: 'OrderPaymentFailed',
  CANCELED: 'OrderCanceled',
  SHIPPED: 'OrderShipped',
  DELIVERED: 'OrderDelivered',
};

export function isLegalTransition(from: OrderStatus, to: OrderStatus): boolean {
  return Object.values(RULES).some((rule) => rule.to === to && rule.from.includes(from));
}

export type TransitionDecision =
  | {
      kind: 'apply';
      trigger: OrderTrigger;
      from: OrderStatus;
      to: Exclude<OrderStatus, 'PENDING_PAYMENT'>;
      note: string;
      /** Stock goes back exactly when an order ends unpaid or is canceled before it ships. */
      releasesStock: boolean;
      /** A paid order's cancel owes the customer everything not yet refunded, recorded in the same write. */
      refundsPayment: boolean;
      /** The order stops waiting for payment: it leaves the customer's unpaid set in the same write. */
      leavesUnpaid: boolean;
      cancelReason?: CancelReason;
      event: OutboxEventName;
    }
  /** A payment arrived for an order that had already been canceled: refund it, never revive the order. */
  | { kind: 'refund'; note: string }
  | { kind: 'ignore'; reason: string };

/** What a trigger does to an order in `current` state. */
export function decideTransition(current: OrderStatus, trigger: OrderTrigger): TransitionDecision {
  const rule = RULES[trigger];
  if (trigger === 'payment-succeeded' && current === 'CANCELED') {
    return { kind: 'refund', note: 'payment received after the order was canceled; refunded' };
  }
  if (!rule.from.includes(current)) {
    return {
      kind: 'ignore',
      reason: current === rule.to ? `already ${current}` : `${trigger} cannot move an order from ${current}`,
    };
  }
  return {
    kind: 'apply',
    trigger,
    from: current,
    to: rule.to,
    note: rule.note,
    releasesStock: rule.to === 'CANCELED',
    refundsPayment: rule.to === 'CANCELED' && current === 'PAID',
    leavesUnpaid: UNPAID_STATUSES.has(current) && !UNPAID_STATUSES.has(rule.to),
    ...(rule.cancelReason ? { cancelReason: rule.cancelReason } : {}),
    event: ORDER_EVENT_FOR[rule.to],
  };
}
