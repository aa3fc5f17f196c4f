import Stripe from 'stripe';
import { ValidationError } from '../errors';
import { type SignedWebhook, signedSimulatedEvent } from './simulated-event';

export type { SignedWebhook } from './simulated-event';

/** How old a signed webhook may be; older ones are refused as replays (Stripe's own default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const PAYMENT_EVENT_TYPES = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
} as const;
export type PaymentOutcome = (typeof PAYMENT_EVENT_TYPES)[keyof typeof PAYMENT_EVENT_TYPES];

/** A verified provider event about a payment intent, reduced to what the store acts on. */
export interface PaymentNotice {
  eventId: string;
  outcome: PaymentOutcome;
  paymentIntentId: string;
  /** For a success, what was received; otherwise what was asked. */
  amount: number;
  currency: string;
  orderId?: string;
}

/**
 * Verifies `stripe-signature` over the exact raw body with the SDK (HMAC and timestamp
 * tolerance). Missing, forged, tampered or stale: 400, before anything else happens.
 */
export function verifyWebhook(
  rawBody: string,
  signature: string | undefined,
  secret: string,
  now: Date = new Date(),
): Stripe.Event {
  if (!signature)
    throw new ValidationError(
      'Missing stripe-signature header',
      [{ field: 'stripe-signature', message: 'required' }],
      'INVALID_SIGNATURE',
    );
  try {
    return Stripe.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      now.getTime(),
    );
  } catch {
    throw new ValidationError(
      'Invalid webhook signature',
      [{ field: 'stripe-signature', message: 'does not match the body, or is too old' }],
      'INVALID_SIGNATURE',
    );
  }
}

/** The payment notice in a verified event, or undefined for event types the store ignores. */
export function paymentNoticeFrom(event: Stripe.Event): PaymentNotice | undefined {
  const outcome = PAYMENT_EVENT_TYPES[event.type as keyof typeof PAYMENT_EVENT_TYPES];
  if (!outcome) return undefined;
  const intent = event.data.object as Stripe.PaymentIntent;
  return {
    eventId: event.id,
    outcome,
    paymentIntentId: intent.id,
    amount: outcome === 'succeeded' ? intent.amount_received : intent.amount,
    currency: intent.currency,
    orderId: intent.metadata?.orderId || undefined,
  };
}

export interface SimulatedIntent {
  id: string;
  amount: number;
  currency: string;
  orderId: string;
  user: string;
}

/** A `payment_intent.*` event in Stripe's format for a simulated intent: what `npm run pay -- <intent>` posts. */
export function simulatedWebhook(
  intent: SimulatedIntent,
  outcome: PaymentOutcome,
  secret: string,
  now: Date = new Date(),
): SignedWebhook {
  const type = Object.entries(PAYMENT_EVENT_TYPES).find(([, value]) => value === outcome)?.[0] as string;
  const status = { succeeded: 'succeeded', failed: 'requires_payment_method', canceled: 'canceled' }[outcome];
  const object = {
    id: intent.id,
    object: 'payment_intent',
    amount: intent.amount,
    amount_received: outcome === 'succeeded' ? intent.amount : 0,
    currency: intent.currency,
    status,
    metadata: { orderId: intent.orderId, user: intent.user },
  };
  return signedSimulatedEvent(type, object, secret, now);
}
