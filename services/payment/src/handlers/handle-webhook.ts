import { createEventBridgeClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { EVENT_SOURCES, EventPublisher } from '@estore/core/events';
import { httpHandler, ok } from '@estore/core/http';
import { loadPaymentSecrets, once } from '@estore/core/payments';
import { WebhookEvents } from '../repositories/webhook-events';
import { documentClient, orderRepository, paymentsTableName } from '../tables';
import { WebhookService } from '../webhook-service';

const db = documentClient();
const secrets = once(loadPaymentSecrets);
const service = new WebhookService({
  events: new WebhookEvents(db, paymentsTableName()),
  orders: orderRepository(db),
  publisher: new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), EVENT_SOURCES.payment),
  webhookSecret: async () => (await secrets()).webhookSecret,
});

/** `POST /payment/hook`: Stripe's (or the simulated provider's) signed events about payment intents. */
export const handler = httpHandler({ access: 'public', rawBody: true }, async ({ rawBody, headers }) => {
  await service.receive(rawBody, headers['stripe-signature']);
  return ok({ received: true });
});
