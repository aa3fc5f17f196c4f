import { randomBytes } from 'node:crypto';
import { createDynamoDbDocumentClient, transactWrite } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { type EventDetail, type EventName } from '@estore/core/events';
import { OrderLifecycle, type OrderRecord, OrderRepository, type OrderTrigger } from '@estore/core/order';
import { type PaymentProvider } from '@estore/core/payments';
import { uniqueName } from '@estore/testkit';
import { ExpirySweep } from '../../src/expiry-sweep';

// Consumers of payment events on DynamoDB Local: duplicates, concurrency, out-of-order delivery,
// and a publisher that fails once.
jest.setTimeout(30_000);

const db = createDynamoDbDocumentClient();
const orders = new OrderRepository(db, requireEnv('ORDERS_TABLE'));
const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));

class RecordingPublisher {
  readonly published: Array<{ type: EventName; detail: EventDetail }> = [];
  failuresLeft = 0;
  async publish(type: EventName, detail: EventDetail): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('EventBridge is down');
    }
    this.published.push({ type, detail });
  }
}

const refunds: string[] = [];
const provider: PaymentProvider = {
  name: 'simulated',
  createIntent: async () => ({ id: 'pi_unused', clientSecret: 'unused' }),
  cancelIntent: async () => 'canceled',
  refund: async (paymentIntentId) => void refunds.push(paymentIntentId),
};

function lifecycleWith(publisher: RecordingPublisher) {
  return new OrderLifecycle({ orders, products, publisher, provider: async () => provider });
}

/** A product with `stock` left after an order of `count` took its share, and that order. */
async function placedOrder(count = 2, stockLeft = 3): Promise<{ order: OrderRecord; productId: string }> {
  const product = await products.create({
    name: `Lifecycle ${uniqueName('p')}`,
    category: 'Books',
    price: 1500,
    stock: stockLeft,
  });
  const orderId = `o_${randomBytes(16).toString('hex')}`;
  const now = new Date().toISOString();
  const order: OrderRecord = {
    orderId,
    user: uniqueName('buyer_'),
    status: 'PENDING_PAYMENT',
    items: [
      { productId: product.id, name: product.name, category: 'Books', price: 1500, count, lineTotal: 1500 * count },
    ],
    amount: 1500 * count,
    currency: 'usd',
    location: { address: '1 Test Way', country: 'US' },
    paymentIntentId: `pi_sim_${orderId.slice(2)}`,
    createdAt: now,
    updatedAt: now,
    history: [{ status: 'PENDING_PAYMENT', at: now, note: 'order placed' }],
    payBy: new Date(Date.now() + 60_000).toISOString(),
    outbox: {},
  };
  await transactWrite(db, [orders.placeAction(order)]);
  return { order, productId: product.id };
}

const stockOf = async (productId: string) => (await products.get(productId, { consistent: true }))?.stock;
const statuses = (order: OrderRecord | undefined) => order?.history.map((entry) => entry.status);

describe('order lifecycle on DynamoDB Local', () => {
  it('pays an order once when the same success arrives five times at once', async () => {
    const { order } = await placedOrder();
    const publisher = new RecordingPublisher();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded')),
    );
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    const stored = await orders.get(order.orderId);
    expect(stored?.status).toBe('PAID');
    expect(statuses(stored)).toEqual(['PENDING_PAYMENT', 'PAID']);
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderPaid']);
    expect(publisher.published[0].detail).toMatchObject({
      eventId: `OrderPaid:${order.orderId}`,
      orderId: order.orderId,
      amount: order.amount,
      location: order.location,
    });
    expect(stored?.outbox).toEqual({});
  });

  it('never moves a paid order backwards when a failure or cancellation arrives late', async () => {
    const { order, productId } = await placedOrder();
    const publisher = new RecordingPublisher();
    await lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded');
    expect(await lifecycleWith(publisher).trigger(order.orderId, 'payment-failed')).toBe('ignored');
    expect(await lifecycleWith(publisher).trigger(order.orderId, 'payment-canceled')).toBe('ignored');
    expect(await lifecycleWith(publisher).trigger(order.orderId, 'expired')).toBe('ignored');
    expect((await orders.get(order.orderId))?.status).toBe('PAID');
    expect(await stockOf(productId)).toBe(3);
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderPaid']);
  });

  it('pays an order after a failed attempt (a retried payment)', async () => {
    const { order } = await placedOrder();
    const publisher = new RecordingPublisher();
    await lifecycleWith(publisher).trigger(order.orderId, 'payment-failed');
    await lifecycleWith(publisher).trigger(order.orderId, 'payment-failed');
    await lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded');
    expect(statuses(await orders.get(order.orderId))).toEqual(['PENDING_PAYMENT', 'PAYMENT_FAILED', 'PAID']);
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderPaymentFailed', 'OrderPaid']);
  });

  it('gives stock back exactly once when cancellation and expiry race', async () => {
    const { order, productId } = await placedOrder(2, 3);
    const publisher = new RecordingPublisher();
    const triggers: OrderTrigger[] = ['payment-canceled', 'expired', 'payment-canceled', 'expired'];
    await Promise.all(triggers.map((trigger) => lifecycleWith(publisher).trigger(order.orderId, trigger)));
    const stored = await orders.get(order.orderId);
    expect(stored?.status).toBe('CANCELED');
    expect(statuses(stored)).toEqual(['PENDING_PAYMENT', 'CANCELED']);
    expect(await stockOf(productId)).toBe(5);
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderCanceled']);
  });

  it('publishes on the retry when publishing failed after the state changed', async () => {
    const { order } = await placedOrder();
    const publisher = new RecordingPublisher();
    publisher.failuresLeft = 1;
    await expect(lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded')).rejects.toThrow(
      'EventBridge is down',
    );
    const afterFailure = await orders.get(order.orderId);
    expect(afterFailure?.status).toBe('PAID');
    expect(Object.keys(afterFailure?.outbox ?? {})).toEqual([`OrderPaid:${order.orderId}`]);
    expect(publisher.published).toHaveLength(0);

    // The redelivered event finds the order paid and the event still owed.
    expect(await lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded')).toBe('ignored');
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderPaid']);
    expect((await orders.get(order.orderId))?.outbox).toEqual({});
    expect(statuses(await orders.get(order.orderId))).toEqual(['PENDING_PAYMENT', 'PAID']);
  });

  it('refunds a payment that arrives after the order was canceled, once, without reviving it or taking stock', async () => {
    const { order, productId } = await placedOrder(2, 3);
    const publisher = new RecordingPublisher();
    await lifecycleWith(publisher).trigger(order.orderId, 'expired');
    expect(await stockOf(productId)).toBe(5);
    const before = refunds.length;
    await Promise.all([1, 2, 3].map(() => lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded')));
    const stored = await orders.get(order.orderId);
    expect(stored?.status).toBe('CANCELED');
    expect(stored?.refundedAt).toEqual(expect.any(String));
    expect(stored?.history.filter((entry) => /refunded/.test(entry.note))).toHaveLength(1);
    expect(refunds.slice(before).every((id) => id === order.paymentIntentId)).toBe(true);
    expect(await stockOf(productId)).toBe(5);
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderCanceled']);
  });

  it('cancels an order whose product was deleted meanwhile, giving back the stock that still has a home', async () => {
    const { order, productId } = await placedOrder(2, 3);
    await products.delete(productId);
    expect(await lifecycleWith(new RecordingPublisher()).trigger(order.orderId, 'payment-canceled')).toBe('applied');
    expect((await orders.get(order.orderId))?.status).toBe('CANCELED');
    expect(await products.get(productId)).toBeUndefined();
  });

  it('publishes from the expiry sweep an event whose first publication failed, then retires the order from the deadline index', async () => {
    const { order, productId } = await placedOrder(1, 3);
    const publisher = new RecordingPublisher();
    publisher.failuresLeft = 1;
    await expect(lifecycleWith(publisher).trigger(order.orderId, 'payment-canceled')).rejects.toThrow(
      'EventBridge is down',
    );
    expect((await orders.get(order.orderId))?.payBy).toEqual(expect.any(String));

    const sweep = new ExpirySweep(orders, lifecycleWith(publisher), async () => provider);
    await sweep.run(new Date(Date.now() + 1000));
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderCanceled']);
    const settled = await orders.get(order.orderId);
    expect(settled?.outbox).toEqual({});
    expect(settled?.payBy).toBeUndefined();
    expect(await stockOf(productId)).toBe(4);
  });
});
