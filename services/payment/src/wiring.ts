import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient, createDynamoDbDocumentClient, createEventBridgeClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv, requireIntEnv } from '@estore/core/config';
import { EVENT_SOURCES, EventPublisher, type EventSource } from '@estore/core/events';
import { CartRepository, OrderLifecycle, OrderRefunds, OrderRepository } from '@estore/core/order';
import { loadWebhookSecret, once, paymentProviderFromEnv } from '@estore/core/payments';
import { CheckoutService } from './checkout-service';
import { type IdempotentCheckout, idempotentCheckout } from './idempotent-checkout';
import { WebhookEvents } from './repositories/webhook-events';
import { WebhookService } from './webhook-service';

/**
 * The one place that builds the payment functions' dependencies: the order service's and the
 * catalog's tables (shared by name, composed as parameters in AWS) and the payments table. Each
 * handler calls one factory as its module loads (once per Lambda container), so a missing variable
 * fails the cold start, and a function neither constructs nor (the package being free of side
 * effects) bundles what only the other factory uses: the webhook loads no Powertools idempotency.
 */

/**
 * Every EventPublisher of this service is built here. The checkout publishes `OrderPlaced` (and its
 * lifecycle the cancellation) under `estore.order`, on the order service's behalf; the webhook
 * publishes payment events under `estore.payment`.
 */
function eventPublisher(source: EventSource): EventPublisher {
  return new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), source);
}

/** `POST /payment/checkout`: the checkout, and the same under an `Idempotency-Key` (Powertools, on the payments table). */
export function checkoutDependencies(): { checkoutService: CheckoutService; idempotentCheckout: IdempotentCheckout } {
  // The raw client too: Powertools' persistence layer takes it, the repositories take the document client over it.
  const dynamodb: DynamoDBClient = createDynamoDbClient();
  const db = createDynamoDbDocumentClient(dynamodb);
  const orders = new OrderRepository(db, requireEnv('ORDERS_TABLE'));
  const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
  const publisher = eventPublisher(EVENT_SOURCES.order);
  const provider = paymentProviderFromEnv();
  const checkoutService = new CheckoutService({
    db,
    carts: new CartRepository(db, requireEnv('ORDERS_TABLE')),
    orders,
    products,
    // Only to cancel an unpaid order a checkout without a key cannot finish: such an order owes no
    // refund, so the refunds' provider is never called from here (the lifecycle requires them anyway).
    lifecycle: new OrderLifecycle({ orders, products, publisher, refunds: new OrderRefunds({ orders, provider }) }),
    provider,
    publisher,
    paymentWindowMinutes: requireIntEnv('ORDER_PAYMENT_WINDOW_MINUTES'),
    maxPendingOrders: requireIntEnv('MAX_PENDING_ORDERS'),
  });
  return {
    checkoutService,
    idempotentCheckout: idempotentCheckout(checkoutService, dynamodb, requireEnv('PAYMENTS_TABLE')),
  };
}

/** `POST /payment/hook`: the handled provider events, the orders they name, the bus and the signing secret. */
export function handleWebhookDependencies(): { webhookService: WebhookService } {
  const db = createDynamoDbDocumentClient();
  const webhookSecret = once(() => loadWebhookSecret());
  return {
    webhookService: new WebhookService({
      events: new WebhookEvents(db, requireEnv('PAYMENTS_TABLE')),
      orders: new OrderRepository(db, requireEnv('ORDERS_TABLE')),
      publisher: eventPublisher(EVENT_SOURCES.payment),
      webhookSecret,
    }),
  };
}
