import { AppError } from '@estore/core/errors';
import type { CartLine } from '@estore/core/order';
import { SimulatedCrash } from '@estore/testkit';
import type { ChaosWorld } from './world';

/** What one customer did in a batch and how their checkout ended, for the invariants. */
export interface Customer {
  user: string;
  lines: CartLine[];
  /** The Idempotency-Key the client sends on every try; none for a client without one. */
  key?: string;
  orderId?: string;
  paymentIntentId?: string;
  /** The last answer the client saw (201, a 4xx it stops at, or the 5xx it gave up after). */
  status?: number;
  code?: string;
}

export const LOCATION = { address: '1 Chaos Street', country: 'US' };
/** A client retries a 5xx (or a crashed function's 502) this often in all. */
const CLIENT_TRIES = 4;
/** A crashed first try holds its key until its function's time would have run out (real time). */
const KEY_IN_USE_PAUSE_MS = 400;
const KEY_IN_USE_TRIES = 40;

interface Answer {
  status: number;
  code?: string;
  body?: { orderId?: string; paymentIntentId?: string };
}

/** What the HTTP wrapper would answer for a thrown error; a crashed function is the gateway's 502. */
function answerOf(error: unknown): Answer {
  if (error instanceof SimulatedCrash) return { status: 502, code: 'CRASHED' };
  if (error instanceof AppError) return { status: error.status, code: error.code };
  return { status: 500, code: 'INTERNAL' };
}

/**
 * `POST /payment/checkout` as a client uses it: retried after a 5xx or a dead function, with the
 * same Idempotency-Key when it has one, and waiting while a killed first try still holds that key.
 */
export async function checkOut(world: ChaosWorld, customer: Customer): Promise<void> {
  let inUse = 0;
  for (let attempt = 1; attempt <= CLIENT_TRIES; ) {
    const requestId = `${customer.user}-${attempt}-${inUse}`;
    const answer: Answer = await world.plan
      .invoke('checkout', async () => {
        if (!customer.key) {
          const body = await world.checkout.checkout(customer.user, LOCATION);
          return { status: 201, body };
        }
        const result = await world.keyedCheckout(
          { user: customer.user, key: customer.key, request: { location: LOCATION } },
          world.checkoutContext(requestId),
        );
        const body = result.body as Answer['body'] & { code?: string };
        return { status: result.status, body, code: body?.code };
      })
      .catch(answerOf);
    customer.status = answer.status;
    customer.code = answer.code;
    if (answer.status === 201) {
      customer.orderId = answer.body?.orderId;
      customer.paymentIntentId = answer.body?.paymentIntentId;
      return;
    }
    if (answer.code === 'IDEMPOTENCY_KEY_IN_USE' && inUse < KEY_IN_USE_TRIES) {
      inUse += 1;
      await new Promise((resolve) => setTimeout(resolve, KEY_IN_USE_PAUSE_MS));
      continue;
    }
    if (answer.status < 500) return;
    attempt += 1;
  }
}
