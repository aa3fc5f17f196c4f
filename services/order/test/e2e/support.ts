import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { type Product } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import type { Group } from '@estore/core/http';
import { type Cart, type Order, OrderRepository } from '@estore/core/order';
import { type PaymentOutcome, simulatedRefundWebhook, simulatedWebhook } from '@estore/core/payments';
import { ApiClient, createTestUser, signInDirect, type TestUser } from '@estore/testkit';

/** A storefront client signed in with a Bearer token, as a fresh user of the role. */
export class Shopper extends ApiClient {
  constructor(
    readonly user: TestUser,
    private readonly token: string,
  ) {
    super();
  }

  static async create(groups: Group[] = []): Promise<Shopper> {
    const user = await createTestUser({ groups, prefix: 'shop_' });
    const tokens = await signInDirect(user.username, user.password);
    return new Shopper(user, tokens.accessToken);
  }

  override request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return super.request<T>(method, path, body, { authorization: `Bearer ${this.token}`, ...headers });
  }

  async setCart(items: Array<{ productId: string; count: number }>): Promise<Cart> {
    const response = await this.post<Cart>('/order/create', { items });
    if (response.status !== 200) throw new Error(`cart: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async checkout(headers: Record<string, string> = {}) {
    return this.post<CheckoutBody>(
      '/payment/checkout',
      { location: { address: '1 Test Way', country: 'US' } },
      headers,
    );
  }

  async order(id: string): Promise<Order> {
    const response = await this.get<Order>(`/order/${id}`);
    if (response.status !== 200) throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

export interface CheckoutBody {
  orderId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export async function newProduct(manager: ApiClient, stock: number, price = 1250): Promise<Product> {
  const response = await manager.post<Product>('/product', {
    name: `Journey Item ${Date.now().toString(36)}`,
    category: 'Books',
    price,
    stock,
  });
  if (response.status !== 201) throw new Error(`product: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function stockOf(productId: string): Promise<number> {
  const response = await new ApiClient().get<Product>(`/product/${productId}`);
  return response.body.stock;
}

const orders = new OrderRepository(createDynamoDbDocumentClient(), requireEnv('ORDERS_TABLE'));

/** What `npm run pay` posts: the provider's signed webhook for the order's intent. */
export async function signedPaymentEvent(
  orderId: string,
  outcome: PaymentOutcome,
  now?: Date,
): Promise<{ payload: string; signature: string }> {
  const order = await orders.get(orderId);
  if (!order?.paymentIntentId) throw new Error(`order ${orderId} has no intent`);
  return simulatedWebhook(
    { id: order.paymentIntentId, amount: order.amount, currency: order.currency, orderId, user: order.user },
    outcome,
    requireEnv('STRIPE_WEBHOOK_SECRET'),
    now,
  );
}

export function postWebhook(payload: string, signature?: string) {
  return new ApiClient().request<unknown>('POST', '/payment/hook', payload, {
    'content-type': 'application/json',
    ...(signature ? { 'stripe-signature': signature } : {}),
  });
}

/** What `npm run pay -- <refundId>` posts: the provider's signed webhook settling one of the order's refunds. */
export async function settleRefund(orderId: string, refundId: string, outcome: 'succeeded' | 'failed') {
  const order = await orders.get(orderId);
  const refund = order?.refunds[refundId];
  if (!order || !refund?.providerRefundId) throw new Error(`refund ${refundId} was not sent to the provider`);
  const { payload, signature } = simulatedRefundWebhook(
    {
      refundId,
      providerRefundId: refund.providerRefundId,
      orderId,
      amount: refund.amount,
      currency: order.currency,
      paymentIntentId: refund.paymentIntentId,
    },
    outcome,
    requireEnv('STRIPE_WEBHOOK_SECRET'),
  );
  return postWebhook(payload, signature);
}

export async function pay(orderId: string, outcome: PaymentOutcome = 'succeeded') {
  const { payload, signature } = await signedPaymentEvent(orderId, outcome);
  return postWebhook(payload, signature);
}

/** Runs the order service's scheduled expiry as if the schedule fired at `time`. */
export async function runExpiry(time: Date): Promise<{ due: number; canceled: number }> {
  const response = await fetch(
    `${requireEnv('ORDER_LAMBDA_URL')}/2015-03-31/functions/estore-order-local-expireOrders/invocations`,
    {
      method: 'POST',
      body: JSON.stringify({ time: time.toISOString() }),
    },
  );
  if (!response.ok) throw new Error(`expiry invocation: ${response.status} ${await response.text()}`);
  return (await response.json()) as { due: number; canceled: number };
}

/** Polls until `check` holds (events travel asynchronously through the local bus). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
