import { createEventBridgeClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { EVENT_SOURCES, EventPublisher } from '@estore/core/events';
import { OrderLifecycle, type OrderRepository } from '@estore/core/order';
import type { PaymentProvider } from '@estore/core/payments';
import { type Db, productRepository } from './tables';

/** The order lifecycle: transitions, the outbox to the bus, stock releases and provider calls. */
export function createLifecycle(
  db: Db,
  orders: OrderRepository,
  provider: () => Promise<PaymentProvider>,
): OrderLifecycle {
  return new OrderLifecycle({
    orders,
    products: productRepository(db),
    publisher: new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), EVENT_SOURCES.order),
    provider,
  });
}
