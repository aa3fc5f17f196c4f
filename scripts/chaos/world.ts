import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { SesMailer } from '@estore/core/email';
import {
  EVENT_SOURCES,
  EventPublisher,
  type OrderEventName,
  PAYMENT_EVENTS,
  type PaymentEventName,
} from '@estore/core/events';
import type { MetricsSink } from '@estore/core/metrics';
import { CartRepository, OrderLifecycle, OrderRefunds, OrderRepository } from '@estore/core/order';
import {
  addAwsFaults,
  createScratchTable,
  FaultPlan,
  InMemoryEventBus,
  MailOutbox,
  Prng,
  SimulatedStripe,
  tableShape,
} from '@estore/testkit';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { EMAILED_ORDER_EVENTS } from '../../services/order/src/domain/event-emails';
import { ExpirySweep } from '../../services/order/src/expiry-sweep';
import { OrderCancellation } from '../../services/order/src/order-cancellation';
import { OrderEmails } from '../../services/order/src/order-emails';
import { StaffRefunds } from '../../services/order/src/staff-refunds';
import { CheckoutService } from '../../services/payment/src/checkout-service';
import { type IdempotentCheckout, idempotentCheckout } from '../../services/payment/src/idempotent-checkout';
import { WebhookEvents } from '../../services/payment/src/repositories/webhook-events';
import { WebhookService } from '../../services/payment/src/webhook-service';

/** Chaos moves its own clock: deadlines, leases and signatures all read it, so hours pass in seconds. */
export class VirtualClock {
  private ms: number;

  constructor(start = Date.UTC(2026, 0, 5, 9)) {
    this.ms = start;
  }

  now = (): Date => new Date(this.ms);

  advance(ms: number): void {
    this.ms += ms;
  }
}

const WEBHOOK_SECRET = 'whsec_chaos_only';
/** The payment window of the store (ORDER_PAYMENT_WINDOW_MINUTES). */
export const PAYMENT_WINDOW_MINUTES = 30;
export const MAX_PENDING_ORDERS = 3;
/** What a checkout function has left when it starts (10 s in serverless.yml). */
const CHECKOUT_TIME_MS = 10_000;

const silentMetrics: MetricsSink = { emit: () => undefined };

export interface ChaosTables {
  products: string;
  orders: string;
  payments: string;
}

/**
 * The store's saga in one process over DynamoDB Local's scratch tables: the real use cases of the
 * payment and order services, built through their constructors as their wiring builds them, with
 * the fault layer on every AWS client and a simulated Stripe, EventBridge and SES in memory.
 */
export class ChaosWorld {
  readonly clock = new VirtualClock();
  readonly plan: FaultPlan;
  readonly stripe: SimulatedStripe;
  readonly bus: InMemoryEventBus;
  readonly mail = new MailOutbox();
  readonly db: DynamoDBDocumentClient;
  readonly products: ProductRepository;
  readonly carts: CartRepository;
  readonly orders: OrderRepository;
  readonly lifecycle: OrderLifecycle;
  readonly refunds: OrderRefunds;
  readonly checkout: CheckoutService;
  readonly keyedCheckout: IdempotentCheckout;
  readonly webhook: WebhookService;
  readonly sweep: ExpirySweep;
  readonly emails: OrderEmails;
  readonly cancellation: OrderCancellation;
  readonly staffRefunds: StaffRefunds;
  readonly random: Prng;

  private constructor(
    readonly tables: ChaosTables,
    private readonly dynamodb: DynamoDBClient,
    private readonly dropTables: () => Promise<void>,
    seed: number,
  ) {
    this.random = new Prng(seed);
    this.plan = new FaultPlan(this.random.fork());
    const now = this.clock.now;
    addAwsFaults(dynamodb, 'dynamodb', this.plan);
    this.db = createDynamoDbDocumentClient(dynamodb);
    this.stripe = new SimulatedStripe(this.plan, WEBHOOK_SECRET, now);
    this.bus = new InMemoryEventBus(this.plan, this.random.fork(), now);
    const provider = async () => this.stripe;

    this.products = new ProductRepository(this.db, tables.products);
    this.carts = new CartRepository(this.db, tables.orders);
    this.orders = new OrderRepository(this.db, tables.orders);
    this.refunds = new OrderRefunds({ orders: this.orders, provider, now, metrics: silentMetrics });
    this.lifecycle = new OrderLifecycle({
      orders: this.orders,
      products: this.products,
      publisher: this.publisher(EVENT_SOURCES.order),
      refunds: this.refunds,
      now,
      random: this.stream(),
      metrics: silentMetrics,
    });
    this.checkout = new CheckoutService({
      db: this.db,
      carts: this.carts,
      orders: this.orders,
      products: this.products,
      lifecycle: this.lifecycle,
      provider,
      publisher: this.publisher(EVENT_SOURCES.order),
      paymentWindowMinutes: PAYMENT_WINDOW_MINUTES,
      maxPendingOrders: MAX_PENDING_ORDERS,
      now,
    });
    this.cancellation = new OrderCancellation({ orders: this.orders, lifecycle: this.lifecycle, provider });
    this.staffRefunds = new StaffRefunds({ refunds: this.refunds, lifecycle: this.lifecycle });
    this.keyedCheckout = idempotentCheckout(this.checkout, dynamodb, tables.payments);
    this.webhook = new WebhookService({
      events: new WebhookEvents(this.db, tables.payments),
      orders: this.orders,
      publisher: this.publisher(EVENT_SOURCES.payment),
      webhookSecret: async () => WEBHOOK_SECRET,
      now,
    });
    this.sweep = new ExpirySweep({
      orders: this.orders,
      lifecycle: this.lifecycle,
      refunds: this.refunds,
      provider,
      random: this.stream(),
      metrics: silentMetrics,
    });
    const ses = new SESv2Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'chaos', secretAccessKey: 'chaos' },
    });
    addAwsFaults(ses, 'ses', this.plan);
    this.mail.attach(ses);
    this.plan.onCrash.push((point) => {
      if (point === 'ses:SendEmail') this.mail.markLastCrashed();
    });
    this.emails = new OrderEmails({
      orders: this.orders,
      // Cognito is not part of the saga's faults: every chaos customer has an address.
      users: { emailOf: async (user: string) => `${user}@chaos.example` },
      mailer: new SesMailer(ses, 'store@chaos.example'),
      now,
    });
  }

  /** Creates the scratch tables from the services' definitions, then the world over them. */
  static async create(seed: number): Promise<ChaosWorld> {
    const dynamodb = new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: process.env.AWS_REGION ?? 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const created = await Promise.all([
      createScratchTable(dynamodb, tableShape('catalog', 'ProductsTable'), 'chaos-products'),
      createScratchTable(dynamodb, tableShape('order', 'OrdersTable'), 'chaos-orders'),
      createScratchTable(dynamodb, tableShape('payment', 'PaymentsTable'), 'chaos-payments'),
    ]);
    const [products, orders, payments] = created.map((table) => table.tableName);
    const drop = async () => void (await Promise.all(created.map((table) => table.drop())));
    const world = new ChaosWorld({ products, orders, payments }, dynamodb, drop, seed);
    await world.subscribeConsumers();
    return world;
  }

  async close(): Promise<void> {
    await this.dropTables();
    this.dynamodb.destroy();
  }

  /** A Lambda context for a checkout that has its whole timeout left. */
  checkoutContext(requestId: string): Context {
    const deadline = Date.now() + CHECKOUT_TIME_MS;
    return { awsRequestId: requestId, getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
  }

  /** A random stream of its own for one component (jitter), reproducible from the seed. */
  private stream(): () => number {
    const random = this.random.fork();
    return () => random.next();
  }

  private publisher(source: (typeof EVENT_SOURCES)[keyof typeof EVENT_SOURCES]): EventPublisher {
    const client = new EventBridgeClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'chaos', secretAccessKey: 'chaos' },
    });
    addAwsFaults(client, 'eventbridge', this.plan);
    this.bus.attach(client);
    return new EventPublisher(client, 'estore-chaos', source);
  }

  /**
   * The order service's real event handlers, on the bus as its serverless.yml routes them. Their
   * modules build production dependencies as they load, so the environment names the scratch
   * tables first; the handlers used here are built from this world's use cases.
   */
  private async subscribeConsumers(): Promise<void> {
    Object.assign(process.env, {
      ORDERS_TABLE: this.tables.orders,
      PRODUCTS_TABLE: this.tables.products,
      PAYMENTS_TABLE: this.tables.payments,
      EVENT_BUS_NAME: 'estore-chaos',
      USER_POOL_ID: process.env.USER_POOL_ID ?? 'chaos-pool',
      SENDER_ADDRESS: 'store@chaos.example',
      STAGE: process.env.STAGE ?? 'local',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    });
    const { onPaymentEvent } = await import('../../services/order/src/handlers/on-payment-event');
    const { sendOrderEmail } = await import('../../services/order/src/handlers/send-order-email');
    const paymentDeps = { lifecycle: this.lifecycle, refunds: this.refunds };
    const handlePayment = onPaymentEvent(paymentDeps);
    const handleOrder = sendOrderEmail({ emails: this.emails });
    this.bus.subscribe({
      name: 'on-payment-event',
      source: EVENT_SOURCES.payment,
      detailTypes: PAYMENT_EVENTS,
      consumer: (event) => handlePayment(event as EventBridgeEvent<PaymentEventName, unknown>),
    });
    this.bus.subscribe({
      name: 'send-order-email',
      source: EVENT_SOURCES.order,
      detailTypes: EMAILED_ORDER_EVENTS,
      consumer: (event) => handleOrder(event as EventBridgeEvent<OrderEventName, unknown>),
    });
  }
}
