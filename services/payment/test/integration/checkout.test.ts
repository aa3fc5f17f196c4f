import { createDynamoDbClient, createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository, ProductUpdates, parseIfMatch, productETag } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { PreconditionFailedError } from '@estore/core/errors';
import { type EventDetail, type EventName } from '@estore/core/events';
import { CartRepository, OrderLifecycle, OrderRefunds, OrderRepository } from '@estore/core/order';
import {
  type PaymentIntentRequest,
  type PaymentProvider,
  PaymentProviderError,
  SimulatedPaymentProvider,
} from '@estore/core/payments';
import { injectTransactionConflicts, uniqueName } from '@estore/testkit';
import type { Context } from 'aws-lambda';
import { CheckoutService } from '../../src/checkout-service';
import { idempotentCheckout } from '../../src/idempotent-checkout';
import { PLACE_ATTEMPTS } from '../../src/order-placement';

// Checkout on DynamoDB Local: one transaction across the catalog's and the order's tables.
jest.setTimeout(60_000);

const dynamodb = createDynamoDbClient();
const db = createDynamoDbDocumentClient(dynamodb);
const orders = new OrderRepository(db, requireEnv('ORDERS_TABLE'));
const carts = new CartRepository(db, requireEnv('ORDERS_TABLE'));
const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
const location = { address: '1 Test Way', country: 'US' };

class RecordingPublisher {
  readonly published: Array<{ type: EventName; detail: EventDetail }> = [];
  async publish(type: EventName, detail: EventDetail): Promise<void> {
    this.published.push({ type, detail });
  }
}

function checkoutWith(provider: PaymentProvider, publisher = new RecordingPublisher(), client = db) {
  const ordersOf = new OrderRepository(client, requireEnv('ORDERS_TABLE'));
  const productsOf = new ProductRepository(client, requireEnv('PRODUCTS_TABLE'));
  const refunds = new OrderRefunds({ orders: ordersOf, provider: async () => provider });
  return new CheckoutService({
    db: client,
    carts: new CartRepository(client, requireEnv('ORDERS_TABLE')),
    orders: ordersOf,
    products: productsOf,
    lifecycle: new OrderLifecycle({ orders: ordersOf, products: productsOf, publisher, refunds }),
    provider: async () => provider,
    publisher,
    paymentWindowMinutes: 30,
    maxPendingOrders: MAX_PENDING_ORDERS,
  });
}

const MAX_PENDING_ORDERS = 3;
const simulated = new SimulatedPaymentProvider('whsec_test');

/** The simulated provider, except that creating an intent fails `times` times (every time by default). */
class FailingProvider extends SimulatedPaymentProvider {
  constructor(private times = Number.POSITIVE_INFINITY) {
    super('whsec_test');
  }

  override async createIntent(request: PaymentIntentRequest) {
    if (this.times <= 0) return super.createIntent(request);
    this.times -= 1;
    throw new PaymentProviderError('Stripe is down');
  }
}
const failing = new FailingProvider();

async function product(stock: number, price = 2500) {
  return products.create({ name: `Checkout ${uniqueName('p')}`, category: 'Gaming', price, stock });
}

async function customerWithCart(lines: Array<{ productId: string; count: number }>): Promise<string> {
  const user = uniqueName('cust_');
  expect(await carts.save(user, lines, undefined, new Date())).toBe(true);
  return user;
}

const stockOf = async (productId: string) => (await products.get(productId, { consistent: true }))?.stock;

describe('checkout on DynamoDB Local', () => {
  it('never oversells: 20 customers at once for a stock of 5 give 5 orders and 15 INSUFFICIENT_STOCK', async () => {
    const scarce = await product(5);
    const users = await Promise.all(
      Array.from({ length: 20 }, () => customerWithCart([{ productId: scarce.id, count: 1 }])),
    );
    const service = checkoutWith(simulated);
    const results = await Promise.allSettled(users.map((user) => service.checkout(user, location)));
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as { code?: string; status?: number }] : [],
    );
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused.every((error) => error.code === 'INSUFFICIENT_STOCK' && error.status === 409)).toBe(true);
    expect(await stockOf(scarce.id)).toBe(0);
    for (const result of placed) {
      const order = await orders.get((result as PromiseFulfilledResult<{ orderId: string }>).value.orderId);
      expect(order).toMatchObject({
        status: 'PENDING_PAYMENT',
        amount: 2500,
        paymentIntentId: expect.stringMatching(/^pi_sim_/),
      });
    }
  });

  it('places the order, empties the cart and charges the server-side price', async () => {
    const a = await product(10, 1999);
    const b = await product(10, 501);
    const user = await customerWithCart([
      { productId: a.id, count: 2 },
      { productId: b.id, count: 3 },
    ]);
    const publisher = new RecordingPublisher();
    const result = await checkoutWith(simulated, publisher).checkout(user, location);
    expect(result).toMatchObject({
      amount: 2 * 1999 + 3 * 501,
      currency: 'usd',
      paymentIntentId: expect.stringMatching(/^pi_sim_/),
    });
    expect(await carts.get(user)).toBeUndefined();
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([8, 7]);
    expect(await orders.findByIntent(result.paymentIntentId)).toMatchObject({
      orderId: result.orderId,
      user,
      location,
    });
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderPlaced']);
  });

  it('reserves nothing when one line is short, and names the short product', async () => {
    const plenty = await product(10);
    const few = await product(1);
    const user = await customerWithCart([
      { productId: plenty.id, count: 2 },
      { productId: few.id, count: 2 },
    ]);
    await expect(checkoutWith(simulated).checkout(user, location)).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: [expect.objectContaining({ productId: few.id, requested: 2, available: 1 })],
    });
    expect([await stockOf(plenty.id), await stockOf(few.id)]).toEqual([10, 1]);
    expect((await carts.get(user))?.lines).toHaveLength(2);
  });

  it('gives the stock back, cancels the order and restores the cart when the provider fails', async () => {
    const item = await product(4);
    const user = await customerWithCart([{ productId: item.id, count: 3 }]);
    const publisher = new RecordingPublisher();
    await expect(checkoutWith(failing, publisher).checkout(user, location)).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      status: 502,
    });
    expect(await stockOf(item.id)).toBe(4);
    expect((await carts.get(user))?.lines).toEqual([{ productId: item.id, count: 3 }]);
    const canceled = publisher.published.find((e) => e.type === 'OrderCanceled');
    expect(canceled).toBeDefined();
    const order = await orders.get(canceled!.detail.orderId);
    expect(order?.status).toBe('CANCELED');
    expect(order?.history.map((h) => h.status)).toEqual(['PENDING_PAYMENT', 'CANCELED']);
  });

  it('refuses a stale If-Match stock edit that races a checkout, and the reservation survives', async () => {
    const item = await product(5);
    const loaded = await products.get(item.id, { consistent: true });
    const staleTag = productETag(loaded!.version);
    const user = await customerWithCart([{ productId: item.id, count: 2 }]);
    await checkoutWith(simulated).checkout(user, location);
    // The edit form still holds the stock it loaded before the checkout.
    await expect(
      new ProductUpdates(products).update(item.id, { stock: 5 }, { ifMatch: parseIfMatch(staleTag) }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await stockOf(item.id)).toBe(3);
  });
});

describe('transactions canceled with TransactionConflict, as AWS cancels colliding ones', () => {
  // A client of its own per test: the injected conflicts stay on the client they were added to.
  const conflictingClient = (conflicts: number) => {
    const client = createDynamoDbDocumentClient(createDynamoDbClient());
    return { client, injected: injectTransactionConflicts(client, conflicts) };
  };

  it('backs off and places exactly one order, reserving its stock once, after 2 conflicts', async () => {
    const item = await product(10);
    const user = await customerWithCart([{ productId: item.id, count: 2 }]);
    const { client, injected } = conflictingClient(2);

    const result = await checkoutWith(simulated, new RecordingPublisher(), client).checkout(user, location);

    expect(injected).toEqual({ calls: 3, injected: 2 });
    expect(await stockOf(item.id)).toBe(8);
    expect(await orders.get(result.orderId)).toMatchObject({ user, status: 'PENDING_PAYMENT', amount: 5000 });
    expect(await carts.get(user)).toBeUndefined();
  });

  it('answers 409 CHECKOUT_CONFLICT when every attempt collides, and nothing is reserved', async () => {
    const item = await product(10);
    const user = await customerWithCart([{ productId: item.id, count: 2 }]);
    const cartBefore = await carts.get(user);
    const { client, injected } = conflictingClient(Number.POSITIVE_INFINITY);

    await expect(
      checkoutWith(simulated, new RecordingPublisher(), client).checkout(user, location),
    ).rejects.toMatchObject({
      status: 409,
      code: 'CHECKOUT_CONFLICT',
    });

    expect(injected.injected).toBe(PLACE_ATTEMPTS);
    expect(await stockOf(item.id)).toBe(10);
    expect(await carts.get(user)).toEqual(cartBefore);
  });
});

describe('the cap on unpaid orders per customer', () => {
  it(`refuses the order past ${MAX_PENDING_ORDERS} unpaid ones with 409 TOO_MANY_PENDING_ORDERS, reserving nothing`, async () => {
    const item = await product(20);
    const user = uniqueName('cust_');
    const service = checkoutWith(simulated);
    const placed: string[] = [];
    for (let i = 0; i < MAX_PENDING_ORDERS; i += 1) {
      await carts.save(user, [{ productId: item.id, count: 1 }], undefined, new Date());
      placed.push((await service.checkout(user, location)).orderId);
    }
    await carts.save(user, [{ productId: item.id, count: 2 }], undefined, new Date());

    await expect(service.checkout(user, location)).rejects.toMatchObject({
      status: 409,
      code: 'TOO_MANY_PENDING_ORDERS',
    });
    expect(await stockOf(item.id)).toBe(20 - MAX_PENDING_ORDERS);
    expect((await carts.get(user))?.lines).toEqual([{ productId: item.id, count: 2 }]);

    // Canceling one gives its slot back in the same write: the next checkout goes through.
    const publisher = new RecordingPublisher();
    const lifecycle = new OrderLifecycle({
      orders,
      products,
      publisher,
      refunds: new OrderRefunds({ orders, provider: async () => simulated }),
    });
    await expect(lifecycle.trigger(placed[0], 'customer-cancel', { by: user })).resolves.toBe('applied');
    await expect(service.checkout(user, location)).resolves.toMatchObject({ amount: 5000 });
  });
});

describe('Idempotency-Key on DynamoDB Local (Lambda Powertools)', () => {
  const context = {
    getRemainingTimeInMillis: () => 10_000,
    awsRequestId: 'it',
    functionName: 'checkout',
  } as unknown as Context;
  const idempotent = idempotentCheckout(checkoutWith(simulated), dynamodb, requireEnv('PAYMENTS_TABLE'));

  it('returns the first response to a sequential retry and places one order', async () => {
    const item = await product(10);
    const user = await customerWithCart([{ productId: item.id, count: 1 }]);
    const key = uniqueName('key-');
    const first = await idempotent({ user, key, request: { location } }, context);
    const again = await idempotent({ user, key, request: { location } }, context);
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    expect(await stockOf(item.id)).toBe(9);
  });

  it('returns one response to concurrent requests with the same key and places one order', async () => {
    const item = await product(10);
    const user = await customerWithCart([{ productId: item.id, count: 2 }]);
    const key = uniqueName('key-');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => idempotent({ user, key, request: { location } }, context)),
    );
    expect(results.every((result) => result.status === 201)).toBe(true);
    expect(new Set(results.map((result) => (result.body as { orderId: string }).orderId)).size).toBe(1);
    expect(await stockOf(item.id)).toBe(8);
  });

  it('refuses the same key with another body (422) and scopes keys to their user', async () => {
    const item = await product(10);
    const user = await customerWithCart([{ productId: item.id, count: 1 }]);
    const key = uniqueName('key-');
    await idempotent({ user, key, request: { location } }, context);
    await expect(
      idempotent({ user, key, request: { location: { ...location, address: '2 Other St' } } }, context),
    ).rejects.toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    const other = await customerWithCart([{ productId: item.id, count: 1 }]);
    const theirs = await idempotent({ user: other, key, request: { location } }, context);
    expect(theirs.status).toBe(201);
    expect(await stockOf(item.id)).toBe(8);
  });

  it('stores no 5xx: the retry after a provider failure resumes the same order, reserved once', async () => {
    const item = await product(10);
    const user = await customerWithCart([{ productId: item.id, count: 3 }]);
    const key = uniqueName('key-');
    const flaky = idempotentCheckout(checkoutWith(new FailingProvider(1)), dynamodb, requireEnv('PAYMENTS_TABLE'));

    await expect(flaky({ user, key, request: { location } }, context)).rejects.toMatchObject({
      status: 502,
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    // The order waits for the retry with its stock held; the cart went with it.
    expect(await stockOf(item.id)).toBe(7);
    expect(await carts.get(user)).toBeUndefined();

    const retried = await flaky({ user, key, request: { location } }, context);
    expect(retried).toMatchObject({
      status: 201,
      body: { amount: 3 * 2500, paymentIntentId: expect.stringMatching(/^pi_sim_/) },
    });
    const { orderId, paymentIntentId } = retried.body as { orderId: string; paymentIntentId: string };
    expect(await orders.get(orderId)).toMatchObject({ user, status: 'PENDING_PAYMENT', paymentIntentId });
    expect(await stockOf(item.id)).toBe(7);
    expect(await flaky({ user, key, request: { location } }, context)).toEqual(retried);
  });

  it('replays a 4xx answer too: an empty cart stays the answer for that key', async () => {
    const user = uniqueName('cust_');
    const key = uniqueName('key-');
    const first = await idempotent({ user, key, request: { location } }, context);
    expect(first).toMatchObject({ status: 400, body: { error: { code: 'EMPTY_CART' } } });
    expect(await idempotent({ user, key, request: { location } }, context)).toEqual(first);
  });
});
