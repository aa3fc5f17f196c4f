import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { type OrderRecord, OrderRepository, orderIdOfRefund, REFUND_ID_PATTERN } from '@estore/core/order';
import {
  PAYMENT_EVENT_TYPES,
  type PaymentOutcome,
  type SignedWebhook,
  simulatedRefundWebhook,
  simulatedWebhook,
} from '@estore/core/payments';
import { loadDotEnv, localEnvironment } from './lib/local-env';
import { loadDevIdentity } from './lib/state';

const PAYMENT_OUTCOMES = Object.values(PAYMENT_EVENT_TYPES);
const REFUND_OUTCOMES = ['succeeded', 'failed'] as const;
type RefundOutcome = (typeof REFUND_OUTCOMES)[number];
const USAGE = [
  `usage: npm run pay -- <paymentIntentId|orderId> ${PAYMENT_OUTCOMES.join('|')}`,
  `       npm run pay -- <refundId> ${REFUND_OUTCOMES.join('|')}`,
].join('\n');

/**
 * `npm run pay -- <paymentIntentId|orderId> succeeded|failed|canceled`: what a customer paying
 * would make Stripe send, a `payment_intent.*` event. `npm run pay -- <refundId> succeeded|failed`:
 * what Stripe sends when a refund settles, `refund.updated` or `refund.failed`. Either is posted to
 * the running store's webhook in Stripe's format, signed with the local webhook secret by Stripe's
 * own SDK, for an order checked out to the simulated provider.
 */
async function main(): Promise<void> {
  const [reference, outcome] = process.argv.slice(2);
  const isRefund = REFUND_ID_PATTERN.test(reference ?? '');
  const outcomes: readonly string[] = isRefund ? REFUND_OUTCOMES : PAYMENT_OUTCOMES;
  if (!reference || !outcomes.includes(outcome)) throw new Error(USAGE);
  loadDotEnv();
  const env = localEnvironment(loadDevIdentity());
  Object.assign(process.env, env);
  const orders = new OrderRepository(createDynamoDbDocumentClient(), env.ORDERS_TABLE);
  const { webhook, what } = isRefund
    ? await refundWebhook(orders, reference, outcome as RefundOutcome, env.STRIPE_WEBHOOK_SECRET)
    : await paymentWebhook(orders, reference, outcome as PaymentOutcome, env.STRIPE_WEBHOOK_SECRET);
  const response = await fetch(`${env.ESTORE_API_URL}/payment/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': webhook.signature },
    body: webhook.payload,
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`The webhook answered ${response.status}: ${body}`);
  process.stdout.write(`${what}: ${response.status} ${body}\n`);
}

async function paymentWebhook(
  orders: OrderRepository,
  reference: string,
  outcome: PaymentOutcome,
  secret: string,
): Promise<{ webhook: SignedWebhook; what: string }> {
  const order = reference.startsWith('pi_') ? await orders.findByIntent(reference) : await orders.get(reference);
  if (!order) throw new Error(`No order for ${reference}`);
  if (!order.paymentIntentId)
    throw new Error(`Order ${order.orderId} has no payment intent (it was never checked out to a provider)`);
  if (!order.paymentIntentId.startsWith('pi_sim_')) throw new Error(stripeOnly(order));
  const webhook = simulatedWebhook(
    {
      id: order.paymentIntentId,
      amount: order.amount,
      currency: order.currency,
      orderId: order.orderId,
      user: order.user,
    },
    outcome,
    secret,
  );
  const type = `payment_intent.${outcome === 'failed' ? 'payment_failed' : outcome}`;
  return { webhook, what: `${type} sent for order ${order.orderId} (${order.paymentIntentId})` };
}

/** Only a refund the simulated provider holds, still PENDING: a settled refund's status never moves again. */
async function refundWebhook(
  orders: OrderRepository,
  refundId: string,
  outcome: RefundOutcome,
  secret: string,
): Promise<{ webhook: SignedWebhook; what: string }> {
  const orderId = orderIdOfRefund(refundId);
  const order = orderId ? await orders.get(orderId) : undefined;
  const refund = order?.refunds?.[refundId];
  if (!order || !refund) throw new Error(`No refund ${refundId}`);
  if (refund.status !== 'PENDING') throw new Error(`Refund ${refundId} is already ${refund.status}`);
  if (!refund.providerRefundId)
    throw new Error(`Refund ${refundId} has not reached the provider yet (the sweep sends it); try again shortly`);
  if (!refund.providerRefundId.startsWith('re_sim_')) throw new Error(stripeOnly(order));
  const webhook = simulatedRefundWebhook(
    {
      refundId,
      providerRefundId: refund.providerRefundId,
      orderId: order.orderId,
      amount: refund.amount,
      currency: order.currency,
      paymentIntentId: refund.paymentIntentId,
    },
    outcome,
    secret,
  );
  const type = outcome === 'succeeded' ? 'refund.updated (succeeded)' : 'refund.failed';
  return {
    webhook,
    what: `${type} sent for refund ${refundId} of order ${order.orderId} (${refund.providerRefundId})`,
  };
}

const stripeOnly = (order: OrderRecord) =>
  `Order ${order.orderId} was paid through Stripe: settle it with Stripe (test cards, refunds in the dashboard) and forward its webhooks with \`stripe listen\`.`;

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
