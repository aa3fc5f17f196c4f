import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createCognitoClient,
  createDynamoDbClient,
  createDynamoDbDocumentClient,
  createEventBridgeClient,
  createS3Client,
  createSesClient,
} from '@estore/core/aws';
import { ProductImageStore, ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { SesMailer } from '@estore/core/email';
import { EVENT_SOURCES, EventPublisher } from '@estore/core/events';
import { type IdempotentCall, idempotentCall } from '@estore/core/idempotency';
import {
  CartRepository,
  OrderLifecycle,
  type OrderLifecycleDeps,
  OrderListing,
  OrderRefunds,
  OrderRepository,
} from '@estore/core/order';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { type PaymentProvider, paymentProviderFromEnv } from '@estore/core/payments';
import { CartService } from './cart-service';
import { ExpirySweep } from './expiry-sweep';
import { OrderCancellation } from './order-cancellation';
import { OrderEmails } from './order-emails';
import { OrderOperations } from './order-operations';
import { UserEmails } from './repositories/user-emails';
import type { RefundBody } from './schemas';
import { StaffRefunds } from './staff-refunds';

/**
 * The one place that builds the order functions' dependencies. Each handler calls one factory as
 * its module loads (once per Lambda container): a missing variable fails the cold start, and a
 * function never constructs (nor, the package being free of side effects, bundles) the clients
 * and repositories of the factories it does not call: `GET /order` loads no S3 or EventBridge client.
 */

/** The orders table. */
const orderRepository = (db: DynamoDBDocumentClient) => new OrderRepository(db, requireEnv('ORDERS_TABLE'));

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

/** The refunds ledger and the provider that sends them (a paid order's cancel, a late payment, staff's refunds). */
const orderRefunds = (orders: OrderRepository, provider: () => Promise<PaymentProvider>) =>
  new OrderRefunds({ orders, provider });

/** Transitions, the outbox to the bus, stock releases, and the refunds a cancel or a late payment owes. */
function orderLifecycle(
  db: DynamoDBDocumentClient,
  orders: OrderRepository,
  refunds: OrderLifecycleDeps['refunds'],
): OrderLifecycle {
  return new OrderLifecycle({ orders, products: productRepository(db), publisher: orderEventPublisher(), refunds });
}

/** The lifecycle with its refunds, over one provider (and so one read of the payment secrets). */
function lifecycleWithRefunds(db: DynamoDBDocumentClient, orders: OrderRepository) {
  const refunds = orderRefunds(orders, paymentProviderFromEnv());
  return { refunds, lifecycle: orderLifecycle(db, orders, refunds) };
}

/** The signed-cursor lists of orders (a customer's own, the whole store's for staff). */
const orderListing = () =>
  new OrderListing(createDynamoDbDocumentClient(), requireEnv('ORDERS_TABLE'), cursorCodecFromEnv);

/** `GET /order/{intent}`: an order, or the caller's cart. */
export function getOrderDependencies(): { orders: OrderRepository; cartService: CartService } {
  const db = createDynamoDbDocumentClient();
  return { orders: orderRepository(db), cartService: cartService(db) };
}

/** `GET /order`: the caller's orders, a page at a time (signed cursors). */
export function listOrdersDependencies(): { listing: OrderListing } {
  return { listing: orderListing() };
}

/** `GET /orders` (staff): every order, a page at a time (signed cursors). */
export function listAllOrdersDependencies(): { listing: OrderListing } {
  return { listing: orderListing() };
}

/** `GET /orders/{orderId}` (staff): reads only, so no lifecycle (nor its bus client) is built. */
export function getAnyOrderDependencies(): { operations: Pick<OrderOperations, 'find'> } {
  const orders = orderRepository(createDynamoDbDocumentClient());
  return { operations: new OrderOperations({ orders, lifecycle: { trigger: notMoving } }) };
}

/** A lifecycle for a use case that only reads: moving an order there is a bug. */
const notMoving = (): never => {
  throw new Error('this function only reads orders');
};

/** `POST /orders/{orderId}/shipment` and `/delivery` (staff): moves that owe no refund, so no provider. */
export function orderOperationsDependencies(): { operations: OrderOperations } {
  const db = createDynamoDbDocumentClient();
  const orders = orderRepository(db);
  return { operations: new OrderOperations({ orders, lifecycle: orderLifecycle(db, orders, refundsLeftToTheSweep) }) };
}

/**
 * Shipping and delivering record no refund, and no payment arrives through them: a refund an
 * order still owes (the provider was down when it was asked) is the sweep's to send, with the
 * provider these functions have no access to.
 */
const refundsLeftToTheSweep: OrderLifecycleDeps['refunds'] = {
  sendOwed: async () => undefined,
  recordLatePayment: async () => {
    throw new Error('a late payment is recorded by the payment events consumer, not here');
  },
};

/** `POST /order/{orderId}/cancel` and `POST /orders/{orderId}/cancel`: the provider cancels the intent or refunds. */
export function orderCancellationDependencies(): { cancellation: OrderCancellation } {
  const db = createDynamoDbDocumentClient();
  const orders = orderRepository(db);
  const provider = paymentProviderFromEnv();
  const lifecycle = orderLifecycle(db, orders, orderRefunds(orders, provider));
  return { cancellation: new OrderCancellation({ orders, lifecycle, provider }) };
}

/** `POST /orders/{orderId}/refunds` (staff), and the same under an `Idempotency-Key` (Powertools). */
export function refundOrderDependencies(): {
  staffRefunds: StaffRefunds;
  idempotentRefund: IdempotentCall<RefundBody>;
} {
  // The raw client too: Powertools' persistence layer takes it, the repositories the document client over it.
  const dynamodb: DynamoDBClient = createDynamoDbClient();
  const db = createDynamoDbDocumentClient(dynamodb);
  const staffRefunds = new StaffRefunds(lifecycleWithRefunds(db, orderRepository(db)));
  const idempotentRefund = idempotentCall<RefundBody>(
    async ({ scope, key, request, caller }) => ({
      status: 201,
      body: { refund: await staffRefunds.refund(scope, { ...request, by: caller, key }) },
    }),
    { dynamodb, tableName: requireEnv('IDEMPOTENCY_TABLE'), keyPrefix: 'refund' },
  );
  return { staffRefunds, idempotentRefund };
}

/** `POST /order/create` and `POST /order/cart`: cart edits. */
export function cartServiceDependencies(): { cartService: CartService } {
  return { cartService: cartService(createDynamoDbDocumentClient()) };
}

/** The payment service's events move orders through their lifecycle and settle their refunds. */
export function onPaymentEventDependencies(): { lifecycle: OrderLifecycle; refunds: OrderRefunds } {
  const db = createDynamoDbDocumentClient();
  return lifecycleWithRefunds(db, orderRepository(db));
}

/** The schedule's sweep: the provider cancels the intent first, then the lifecycle cancels the order. */
export function expireOrdersDependencies(): { sweep: ExpirySweep } {
  const db = createDynamoDbDocumentClient();
  const orders = orderRepository(db);
  // One provider (and so one read of the payment secrets) for the sweep and the lifecycle's refunds.
  const provider = paymentProviderFromEnv();
  const refunds = orderRefunds(orders, provider);
  return { sweep: new ExpirySweep({ orders, lifecycle: orderLifecycle(db, orders, refunds), refunds, provider }) };
}

/** The customer's emails about an order (paid, shipped, canceled, refunded), to the address the user pool holds. */
export function sendOrderEmailDependencies(): { emails: OrderEmails } {
  return {
    emails: new OrderEmails({
      orders: orderRepository(createDynamoDbDocumentClient()),
      users: new UserEmails(createCognitoClient(), requireEnv('USER_POOL_ID')),
      mailer: new SesMailer(createSesClient(), requireEnv('SENDER_ADDRESS')),
    }),
  };
}
