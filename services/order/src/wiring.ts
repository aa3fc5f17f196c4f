import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createCognitoClient,
  createDynamoDbDocumentClient,
  createEventBridgeClient,
  createS3Client,
  createSesClient,
} from '@estore/core/aws';
import { ProductImageStore, ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { SesMailer } from '@estore/core/email';
import { EVENT_SOURCES, EventPublisher } from '@estore/core/events';
import { CartRepository, OrderLifecycle, OrderRepository } from '@estore/core/order';
import { type CursorCodecSource, cursorCodecFromEnv } from '@estore/core/pagination';
import { type PaymentProvider, paymentProviderFromEnv } from '@estore/core/payments';
import { CartService } from './cart-service';
import { ExpirySweep } from './expiry-sweep';
import { OrderConfirmation } from './order-confirmation';
import { UserEmails } from './repositories/user-emails';

/**
 * The one place that builds the order functions' dependencies. Each handler calls one factory as
 * its module loads (once per Lambda container): a missing variable fails the cold start, and a
 * function never constructs (nor, the package being free of side effects, bundles) the clients
 * and repositories of the factories it does not call: `GET /order` loads no S3 or EventBridge client.
 */

/** The orders table. Only the listing function passes a cursor codec (and so bundles the signing key's loader). */
const orderRepository = (db: DynamoDBDocumentClient, cursors?: CursorCodecSource) =>
  new OrderRepository(db, requireEnv('ORDERS_TABLE'), cursors);

/** The catalog's table: read for prices, written for stock releases. */
const productRepository = (db: DynamoDBDocumentClient) => new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));

/** The cart use cases over the cart item, the catalog's prices and its image URLs. */
function cartService(db: DynamoDBDocumentClient): CartService {
  const images = new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));
  return new CartService(new CartRepository(db, requireEnv('ORDERS_TABLE')), productRepository(db), (key) =>
    images.viewUrl(key),
  );
}

/** The order service's only publisher: its events go out under `estore.order`, built here and nowhere else. */
function orderEventPublisher(): EventPublisher {
  return new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), EVENT_SOURCES.order);
}

/** Transitions, the outbox to the bus, stock releases, and the provider to refund a payment that came too late. */
function orderLifecycle(
  db: DynamoDBDocumentClient,
  orders: OrderRepository,
  provider: () => Promise<PaymentProvider>,
): OrderLifecycle {
  return new OrderLifecycle({ orders, products: productRepository(db), publisher: orderEventPublisher(), provider });
}

/** `GET /order/{intent}`: an order, or the caller's cart. */
export function getOrderDependencies(): { orders: OrderRepository; cartService: CartService } {
  const db = createDynamoDbDocumentClient();
  return { orders: orderRepository(db), cartService: cartService(db) };
}

/** `GET /order`: the caller's orders, a page at a time (signed cursors). */
export function listOrdersDependencies(): { orders: OrderRepository } {
  return { orders: orderRepository(createDynamoDbDocumentClient(), cursorCodecFromEnv) };
}

/** `POST /order/create` and `POST /order/cart`: cart edits. */
export function cartServiceDependencies(): { cartService: CartService } {
  return { cartService: cartService(createDynamoDbDocumentClient()) };
}

/** The payment service's events move orders through their lifecycle. */
export function onPaymentEventDependencies(): { lifecycle: OrderLifecycle } {
  const db = createDynamoDbDocumentClient();
  return { lifecycle: orderLifecycle(db, orderRepository(db), paymentProviderFromEnv()) };
}

/** The schedule's sweep: the provider cancels the intent first, then the lifecycle cancels the order. */
export function expireOrdersDependencies(): { sweep: ExpirySweep } {
  const db = createDynamoDbDocumentClient();
  const orders = orderRepository(db);
  // One provider (and so one read of the payment secrets) for the sweep and the lifecycle's refunds.
  const provider = paymentProviderFromEnv();
  return { sweep: new ExpirySweep(orders, orderLifecycle(db, orders, provider), provider) };
}

/** `OrderPaid`: the confirmation email, to the address the user pool holds. */
export function sendOrderConfirmationDependencies(): { confirmation: OrderConfirmation } {
  return {
    confirmation: new OrderConfirmation(
      orderRepository(createDynamoDbDocumentClient()),
      new UserEmails(createCognitoClient(), requireEnv('USER_POOL_ID')),
      new SesMailer(createSesClient(), requireEnv('SENDER_ADDRESS')),
    ),
  };
}
