import type { OrderStatus } from './order';

/**
 * The order lifecycle's rules, pure (no I/O): which trigger moves an order from which state to
 * which (`OrderLifecycle` in order-lifecycle.ts applies them; see docs/events.md):
 *   PENDING_PAYMENT -> PAID
 *   PENDING_PAYMENT -> PAYMENT_FAILED -> PAID        (a retried payment)
 *   PENDING_PAYMENT | PAYMENT_FAILED -> CANCELED     (provider canceled, expired, provider down at checkout)
 * PAID and CANCELED are final. The repository applies a transition as one write guarded by its
 * from-state, so a repeated or late trigger finds the order elsewhere and changes nothing.
 */
export type OrderTrigger =
  | 'payment-succeeded'
  | 'payment-failed'
  | 'payment-canceled'
  | 'expired'
  | 'provider-unavailable';

export const ORDER_EVENT_FOR: Record<
  Exclude<OrderStatus, 'PENDING_PAYMENT'>,
  'OrderPaid' | 'OrderPaymentFailed' | 'OrderCanceled'
> = {
  PAID: 'OrderPaid',
  PAYMENT_FAILED: 'OrderPaymentFailed',
  CANCELED: 'OrderCanceled',
};

const TARGET: Record<OrderTrigger, Exclude<OrderStatus, 'PENDING_PAYMENT'>> = {
  'payment-succeeded': 'PAID',
  'payment-failed': 'PAYMENT_FAILED',
  'payment-canceled': 'CANCELED',
  expired: 'CANCELED',
  'provider-unavailable': 'CANCELED',
};

const NOTES: Record<OrderTrigger, string> = {
  'payment-succeeded': 'payment succeeded',
  'payment-failed': 'payment failed',
  'payment-canceled': 'payment canceled by the provider',
  expired: 'not paid in time',
  'provider-unavailable': 'payment provider unavailable at checkout',
};

const LEGAL: ReadonlyArray<[from: OrderStatus, to: OrderStatus]> = [
  ['PENDING_PAYMENT', 'PAID'],
  ['PENDING_PAYMENT', 'PAYMENT_FAILED'],
  ['PENDING_PAYMENT', 'CANCELED'],
  ['PAYMENT_FAILED', 'PAID'],
  ['PAYMENT_FAILED', 'CANCELED'],
];

export function isLegalTransition(from: OrderStatus, to: OrderStatus): boolean {
  return LEGAL.some(([a, b]) => a === from && b === to);
}

/** The states a transition to `to` may start from. */
export function legalSources(to: OrderStatus): OrderStatus[] {
  return LEGAL.filter(([, b]) => b === to).map(([a]) => a);
}

export type TransitionDecision =
  | {
      kind: 'apply';
      from: OrderStatus;
      to: Exclude<OrderStatus, 'PENDING_PAYMENT'>;
      note: string;
      releasesStock: boolean;
      event: 'OrderPaid' | 'OrderPaymentFailed' | 'OrderCanceled';
    }
  /** A payment arrived for an order that had already been canceled: refund it, never revive the order. */
  | { kind: 'refund'; note: string }
  | { kind: 'ignore'; reason: string };

/** What a trigger does to an order in `current` state. */
export function decideTransition(current: OrderStatus, trigger: OrderTrigger): TransitionDecision {
  const to = TARGET[trigger];
  if (trigger === 'payment-succeeded' && current === 'CANCELED') {
    return { kind: 'refund', note: 'payment received after the order was canceled; refunded' };
  }
  if (!isLegalTransition(current, to)) {
    return {
      kind: 'ignore',
      reason: current === to ? `already ${current}` : `${trigger} cannot move an order from ${current}`,
    };
  }
  // Stock goes back exactly when an order ends unpaid: the only way out of the lifecycle without PAID.
  return {
    kind: 'apply',
    from: current,
    to,
    note: NOTES[trigger],
    releasesStock: to === 'CANCELED',
    event: ORDER_EVENT_FOR[to],
  };
}
