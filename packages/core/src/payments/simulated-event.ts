import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

export interface SignedWebhook {
  payload: string;
  signature: string;
}

/**
 * An event in Stripe's envelope around `object`, signed with the local webhook secret by the SDK's
 * own test-header helper: what `npm run pay` posts to the webhook, verified by the same code as Stripe's.
 */
export function signedSimulatedEvent(
  type: string,
  object: Record<string, unknown>,
  secret: string,
  now: Date,
): SignedWebhook {
  const created = Math.floor(now.getTime() / 1000);
  const payload = JSON.stringify({
    id: `evt_sim_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: { ...object, created, livemode: false } },
  });
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: created }) };
}
