import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { OrderRepository } from '@estore/core/order';
import { PAYMENT_EVENT_TYPES, type PaymentOutcome, simulatedWebhook } from '@estore/core/payments';
import { loadDotEnv, localEnvironment } from './lib/local-env';
import { loadDevIdentity } from './lib/state';

const OUTCOMES = Object.values(PAYMENT_EVENT_TYPES);
const USAGE = `usage: npm run pay -- <paymentIntentId|orderId> ${OUTCOMES.join('|')}`;

/**
 * `npm run pay -- <paymentIntentId|orderId> succeeded|failed|canceled`: what a customer paying
 * would make Stripe send. Posts the matching `payment_intent.*` event to the running store's
 * webhook, in Stripe's format and signed with the local webhook secret by Stripe's own SDK.
 */
async function main(): Promise<void> {
  const [reference, outcome] = process.argv.slice(2);
  if (!reference || !OUTCOMES.includes(outcome as PaymentOutcome)) throw new Error(USAGE);
  loadDotEnv();
  const env = localEnvironment(loadDevIdentity());
  Object.assign(process.env, env);
  const orders = new OrderRepository(createDynamoDbDocumentClient(), env.ORDERS_TABLE);
  const order = reference.startsWith('pi_') ? await orders.findByIntent(reference) : await orders.get(reference);
  if (!order) throw new Error(`No order for ${reference}`);
  if (!order.paymentIntentId)
    throw new Error(`Order ${order.orderId} has no payment intent (it was never checked out to a provider)`);
  if (!order.paymentIntentId.startsWith('pi_sim_')) {
    throw new Error(
      'This order was paid through Stripe: pay it with Stripe (test cards) and forward its webhooks with `stripe listen`.',
    );
  }
  const { payload, signature } = simulatedWebhook(
    {
      id: order.paymentIntentId,
      amount: order.amount,
      currency: order.currency,
      orderId: order.orderId,
      user: order.user,
    },
    outcome as PaymentOutcome,
    env.STRIPE_WEBHOOK_SECRET,
  );
  const response = await fetch(`${env.ESTORE_API_URL}/payment/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`The webhook answered ${response.status}: ${body}`);
  process.stdout.write(
    `payment_intent.${outcome === 'failed' ? 'payment_failed' : outcome} sent for order ${order.orderId} (${order.paymentIntentId}): ${response.status} ${body}\n`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
