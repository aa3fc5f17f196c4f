import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, transactWrite } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { type EventDetail, type EventName } from '@estore/core/events';
import {
  OrderLifecycle,
  type OrderRecord,
  OrderRefunds,
  OrderRepository,
  type OrderTrigger,
  refundIdFor,
  UNPAID_SK,
  unpaidPk,
} from '@estore/core/order';
import { type PaymentProvider, PaymentProviderError, type RefundRequest } from '@estore/core/payments';
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

/** A provider that keeps its refunds as Stripe does: one per idempotency key (the refund id). */
class RecordingProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  readonly refunds = new Map<string, RefundRequest>();
  refundCalls = 0;
  down = false;
  async createIntent() {
    return { id: 'pi_unused', clientSecret: 'unused' };
  }
  async cancelIntent() {
    return 'canceled' as const;
  }
  async getIntent() {
    return undefined;
  }
  async findIntentForOrder() {
    return undefined;
  }
  async createRefund(request: RefundRequest) {
    this.refundCalls += 1;
    if (this.down) throw new PaymentProviderError('Stripe is down');
    this.refunds.set(request.refundId, request);
    return { id: `re_${request.refundId}`, status: 'pending' as const };
  }
  async getRefund() {
    return undefined;
  }
}

const provider = new RecordingProvider();
const refundsWith = (payments: PaymentProvider = provider) =>
  new OrderRefunds({ orders, provider: async () => payments });

function lifecycleWith(publisher: RecordingPublisher, payments: PaymentProvider = provider) {
  return new OrderLifecycle({ orders, products, publisher, refunds: refundsWith(payments) });
}

const unpaidSet = async (user: string) =>
  (
    await db.send(
      new GetCommand({
        TableName: requireEnv('ORDERS_TABLE'),
        Key: { PK: unpaidPk(user), SK: UNPAID_SK },
        ConsistentRead: true,
      }),
    )
  ).Item?.orderIds as Set<string> | undefined;

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
    shipment: null,
    refunds: {},
    refundHeld: 0,
    revision: 0,
    createdAt: now,
    updatedAt: now,
    history: [{ status: 'PENDING_PAYMENT', at: now, note: 'order placed', by: 'buyer' }],
    payBy: new Date(Date.now() + 60_000).toISOString(),
    dueAt: new Date(Date.now() + 60_000).toISOString(),
    outbox: {},
    emailsSent: {},
  };
  await transactWrite(db, [orders.placeAction(order), orders.holdUnpaidSlotAction(order.user, orderId, 3)]);
  return { order, productId: product.id };
}

/**
 * Makes the order due now and sweeps. The table is shared with every other suite, so the sweep
 * never runs at a time in the future: it would expire other suites' orders.
 */
async function sweepNow(orderId: string, publisher: RecordingPublisher, payments: PaymentProvider = provider) {
  const order = (await orders.get(orderId)) as OrderRecord;
  await orders.reschedule(order, new Date(Date.now() - 1000).toISOString(), order.dueAttempts ?? 0);
  return sweepAt(publisher, new Date(), payments);
}

function sweepAt(publisher: RecordingPublisher, now: Date, payments: PaymentProvider = provider) {
  const sweep = new ExpirySweep({
    orders,
    lifecycle: lifecycleWith(publisher, payments),
    refunds: refundsWith(payments),
    provider: async () => payments,
  });
  return sweep.run(now);
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
    await Promise.all(
      [1, 2, 3].map(() =>
        lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded', { paymentIntentId: 'pi_late' }),
      ),
    );
    const stored = await orders.get(order.orderId);
    expect(stored?.status).toBe('CANCELED');
    const refundId = refundIdFor(order.orderId, 'late:pi_late');
    expect(Object.keys(stored?.refunds ?? {})).toEqual([refundId]);
    expect(stored?.refunds[refundId]).toMatchObject({
      amount: order.amount,
      status: 'PENDING',
      by: 'system',
      paymentIntentId: 'pi_late',
    });
    expect(stored?.refunds[refundId].providerRefundId).toEqual(`re_${refundId}`);
    expect(stored?.refundHeld).toBe(order.amount);
    expect(stored?.history.filter((entry) => /refunded/.test(entry.note))).toHaveLength(1);
    expect(provider.refunds.get(refundId)).toMatchObject({ paymentIntentId: 'pi_late', amount: order.amount });
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
    expect((await orders.get(order.orderId))?.dueAt).toEqual(expect.any(String));

    await sweepNow(order.orderId, publisher);
    expect(publisher.published.map((e) => e.type)).toEqual(['OrderCanceled']);
    const settled = await orders.get(order.orderId);
    expect(settled?.outbox).toEqual({});
    expect(settled?.dueAt).toBeUndefined();
    expect(await stockOf(productId)).toBe(4);
  });

  it('takes a paid order out of its customer’s unpaid set in the same write that pays it', async () => {
    const { order } = await placedOrder();
    expect(await unpaidSet(order.user)).toEqual(new Set([order.orderId]));
    await lifecycleWith(new RecordingPublisher()).trigger(order.orderId, 'payment-succeeded');
    expect((await unpaidSet(order.user)) ?? new Set()).toEqual(new Set());
  });

  it('cancels a paid order in one transaction: stock back, the whole amount owed as a refund, and sent once', async () => {
    const { order, productId } = await placedOrder(2, 3);
    const publisher = new RecordingPublisher();
    await lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded');
    const outcomes = await Promise.all(
      ['customer-cancel', 'staff-cancel', 'customer-cancel'].map((trigger) =>
        lifecycleWith(publisher).trigger(order.orderId, trigger as OrderTrigger, { by: 'someone' }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    const stored = await orders.get(order.orderId);
    const refundId = refundIdFor(order.orderId, 'cancel');
    expect(stored?.status).toBe('CANCELED');
    expect(Object.keys(stored?.refunds ?? {})).toEqual([refundId]);
    expect(stored?.refunds[refundId]).toMatchObject({ amount: order.amount, status: 'PENDING', by: 'someone' });
    expect(stored?.refundHeld).toBe(order.amount);
    expect(provider.refunds.get(refundId)).toMatchObject({ amount: order.amount });
    expect(await stockOf(productId)).toBe(5);
    const canceled = publisher.published.find((event) => event.type === 'OrderCanceled');
    expect(canceled?.detail).toMatchObject({ by: 'someone', refundAmount: order.amount });
    expect(stored?.history.at(-1)).toMatchObject({ status: 'CANCELED', by: 'someone' });
  });

  it('keeps a refund owed while the provider is down, and the sweep sends it once the provider is back', async () => {
    const { order } = await placedOrder(1, 3);
    const publisher = new RecordingPublisher();
    const down = new RecordingProvider();
    down.down = true;
    await lifecycleWith(publisher, down).trigger(order.orderId, 'payment-succeeded');
    await lifecycleWith(publisher, down).trigger(order.orderId, 'staff-cancel', { by: 'staff' });
    const refundId = refundIdFor(order.orderId, 'cancel');
    const owed = await orders.get(order.orderId);
    expect(owed?.refunds[refundId]).toMatchObject({ status: 'PENDING', sendAttempts: 1 });
    expect(owed?.refunds[refundId].providerRefundId).toBeUndefined();
    expect(owed?.dueAt).toEqual(expect.any(String));

    // Still down at the next sweeps: rescheduled, later each time, never lost.
    await sweepNow(order.orderId, publisher, down);
    const stillOwed = await orders.get(order.orderId);
    expect(stillOwed?.refunds[refundId]).toMatchObject({ sendAttempts: 2 });
    expect((stillOwed?.dueAt as string) > new Date().toISOString()).toBe(true);

    down.down = false;
    await sweepNow(order.orderId, publisher, down);
    const sent = await orders.get(order.orderId);
    expect(sent?.refunds[refundId].providerRefundId).toBe(`re_${refundId}`);
    expect(down.refunds.size).toBe(1);
  });

  it('settles a refund once however often its outcome arrives, and publishes OrderRefunded once', async () => {
    const { order } = await placedOrder(2, 3);
    const publisher = new RecordingPublisher();
    await lifecycleWith(publisher).trigger(order.orderId, 'payment-succeeded');
    const refund = await refundsWith().request(order.orderId, { amount: 1000, reason: 'scratched', by: 'staff' });
    const settled = await Promise.all(
      [1, 2, 3].map(() => refundsWith().settle(order.orderId, refund.refundId, 'SUCCEEDED')),
    );
    expect(settled.filter(Boolean)).toHaveLength(1);
    await lifecycleWith(publisher).settle(order.orderId);
    const stored = await orders.get(order.orderId);
    expect(stored?.refunds[refund.refundId].status).toBe('SUCCEEDED');
    const refunded = publisher.published.filter((event) => event.type === 'OrderRefunded');
    expect(refunded.map((event) => event.detail)).toEqual([
      expect.objectContaining({ refundId: refund.refundId, refundAmount: 1000, refundedAmount: 1000 }),
    ]);
    // A late FAILED for the same refund changes nothing.
    expect(await refundsWith().settle(order.orderId, refund.refundId, 'FAILED')).toBe(false);
    expect((await orders.get(order.orderId))?.refundHeld).toBe(1000);
  });
});
