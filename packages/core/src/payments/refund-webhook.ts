import type Stripe from 'stripe';
import type { ProviderRefund } from './provider';
import { type SignedWebhook, signedSimulatedEvent } from './simulated-event';
import { refundStatusOf } from './stripe-statuses';

/**
 * Stripe's events whose object is a Refund (the SDK's `RefundCreatedEvent`, `RefundUpdatedEvent`,
 * `RefundFailedEvent`: `data.object: Refund`). The refund's own `status` says whether it settled,
 * whichever event carries it: `refund.updated` reports each change of status, `refund.failed` a
 * failure, and `refund.created` may already be final (a card refund often succeeds at once).
 * `charge.refund.updated` is left out: the SDK describes it as the same updates "on selected payment
 * methods", telling to listen to `refund.updated` for all refunds. `charge.refunded` carries a Charge.
 */
export const REFUND_EVENT_TYPES = ['refund.created', 'refund.updated', 'refund.failed'] as const;
type RefundEvent = Stripe.RefundCreatedEvent | Stripe.RefundUpdatedEvent | Stripe.RefundFailedEvent;

/** A verified provider event about a refund, reduced to what the store acts on. */
export interface RefundNotice {
  eventId: string;
  outcome: ProviderRefund['status'];
  providerRefundId: string;
  /** The store's refund id, from the metadata the store sent it with; absent for a refund made elsewhere (the dashboard). */
  refundId?: string;
  orderId?: string;
  paymentIntentId?: string;
  amount: number;
  currency: string;
}

const isRefundEvent = (event: Stripe.Event): event is RefundEvent =>
  (REFUND_EVENT_TYPES as readonly string[]).includes(event.type);

/** The refund notice in a verified event, or undefined for an event that carries no refund. */
export function refundNoticeFrom(event: Stripe.Event): RefundNotice | undefined {
  if (!isRefundEvent(event)) return undefined;
  const refund = event.data.object;
  const paymentIntent = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
  return {
    eventId: event.id,
    outcome: refundStatusOf(refund.status),
    providerRefundId: refund.id,
    refundId: refund.metadata?.refundId || undefined,
    orderId: refund.metadata?.orderId || undefined,
    paymentIntentId: paymentIntent || undefined,
    amount: refund.amount,
    currency: refund.currency,
  };
}

export interface SimulatedRefund {
  refundId: string;
  providerRefundId: string;
  orderId: string;
  amount: number;
  currency: string;
  /** The payment refunded, as Stripe names it on the refund. */
  paymentIntentId?: string;
}

/**
 * The event Stripe sends when a refund settles, for a simulated refund: `refund.updated` with
 * status `succeeded`, or `refund.failed` with status `failed`. What `npm run pay -- <refundId>` posts.
 */
export function simulatedRefundWebhook(
  refund: SimulatedRefund,
  outcome: 'succeeded' | 'failed',
  secret: string,
  now: Date = new Date(),
): SignedWebhook {
  const object = {
    id: refund.providerRefundId,
    object: 'refund',
    amount: refund.amount,
    currency: refund.currency,
    status: outcome,
    ...(outcome === 'failed' ? { failure_reason: 'unknown' } : {}),
    payment_intent: refund.paymentIntentId ?? null,
    metadata: { orderId: refund.orderId, refundId: refund.refundId },
  };
  return signedSimulatedEvent(outcome === 'succeeded' ? 'refund.updated' : 'refund.failed', object, secret, now);
}
