import { createEventBridgeClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { EVENT_SOURCES, EventPublisher } from '@estore/core/events';
import { OrderLifecycle } from '@estore/core/order';
import { createPaymentProvider, loadPaymentSecrets, once } from '@estore/core/payments';
import { orders, products } from './tables';

/** Secrets are read at the first use, then kept for the container's life (cached in AWS). */
export const paymentProvider = once(async () => createPaymentProvider(await loadPaymentSecrets()));

export const lifecycle = new OrderLifecycle({
  orders,
  products,
  publisher: new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), EVENT_SOURCES.order),
  provider: paymentProvider,
});
