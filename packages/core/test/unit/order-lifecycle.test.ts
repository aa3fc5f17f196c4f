import { type TransactItem } from '@estore/core/aws';
import { type ProductRecord, type StockLine } from '@estore/core/catalog';
import { type EventDetail, type EventName } from '@estore/core/events';
import {
  OrderLifecycle,
  type OrderRecord,
  type OrderRepository,
  type OrderStatus,
  type TransitionDecision,
} from '@estore/core/order';
import { type PaymentProvider } from '@estore/core/payments';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';

function order(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId: ORDER_ID,
    user: 'alice',
    status: 'PENDING_PAYMENT',
    items: [
      { productId: 'kept', name: 'Mug', category: 'Home & Kitchen', price: 999, count: 2, lineTotal: 1998 },
      { productId: 'deleted', name: 'Lamp', category: 'Home & Kitchen', price: 2500, count: 1, lineTotal: 2500 },
    ],
    amount: 4498,
    currency: 'usd',
    location: { address: '1 Main St', country: 'US' },
    paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
    createdAt: '2026-03-01T11:00:00.000Z',
    updatedAt: '2026-03-01T11:00:00.000Z',
    history: [{ status: 'PENDING_PAYMENT', at: '2026-03-01T11:00:00.000Z', note: 'order placed' }],
    payBy: '2026-03-01T11:30:00.000Z',
    outbox: {},
    ...overrides,
  };
}

type Applied = { decision: Extract<TransitionDecision, { kind: 'apply' }>; extra: TransactItem[] };

/** The order table in memory, with the repository's contract: a transition holds only from its from-state. */
class FakeOrders {
  readonly records = new Map<string, OrderRecord>();
  readonly applied: Applied[] = [];
  readonly refunds: string[] = [];
  /** Runs before the next transition is checked: another writer moving the order first. */
  beforeNextTransition?: () => void;

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const record = this.records.get(orderId);
    return record && structuredClone(record);
  }

  async applyTransition(
    record: OrderRecord,
    decision: Applied['decision'],
    options: { now: Date; eventId: string; event: OrderRecord['outbox'][string]; extra?: TransactItem[] },
  ) {
    const hook = this.beforeNextTransition;
    this.beforeNextTransition = undefined;
    hook?.();
    const current = this.records.get(record.orderId);
    if (!current || current.status !== decision.from) return false;
    this.applied.push({ decision, extra: options.extra ?? [] });
    this.records.set(record.orderId, {
      ...current,
      status: decision.to,
      history: [...current.history, { status: decision.to, at: options.now.toISOString(), note: decision.note }],
      outbox: { ...current.outbox, [options.eventId]: options.event },
    });
    return true;
  }

  /** Held while `claimedUntil` is in the future, as the repository's conditional write has it. */
  async claimOutbox(orderId: string, eventId: string, now: Date, leaseMs: number): Promise<boolean> {
    const entry = this.records.get(orderId)?.outbox[eventId];
    if (!entry || (entry.claimedUntil !== undefined && entry.claimedUntil >= now.getTime())) return false;
    entry.claimedUntil = now.getTime() + leaseMs;
    return true;
  }

  async releaseOutbox(orderId: string, eventId: string): Promise<void> {
    const entry = this.records.get(orderId)?.outbox[eventId];
    if (entry) delete entry.claimedUntil;
  }

  async clearOutbox(orderId: string, eventId: string): Promise<void> {
    const current = this.records.get(orderId);
    if (current) delete current.outbox[eventId];
  }

  /** An ended order that owes nothing leaves the deadline index, as the repository's condition has it. */
  async leaveDueIndex(orderId: string): Promise<void> {
    const current = this.records.get(orderId);
    if (
      current &&
      (current.status === 'PAID' || current.status === 'CANCELED') &&
      Object.keys(current.outbox).length === 0
    )
      delete current.payBy;
  }

  async markRefunded(orderId: string, now: Date): Promise<boolean> {
    const current = this.records.get(orderId);
    if (!current || current.status !== 'CANCELED' || current.refundedAt) return false;
    current.refundedAt = now.toISOString();
    this.refunds.push(orderId);
    return true;
  }

  asRepository(): OrderRepository {
    return this as unknown as OrderRepository;
  }
}

class FakePublisher {
  readonly published: Array<{ type: EventName; detail: EventDetail }> = [];
  failures = 0;

  async publish(type: EventName, detail: EventDetail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('EventBridge is down');
    }
    this.published.push({ type, detail });
  }
}

const existing = (id: string) => ({ id }) as ProductRecord;

describe('OrderLifecycle', () => {
  let orders: FakeOrders;
  let publisher: FakePublisher;
  let released: StockLine[][];
  let provider: jest.Mocked<PaymentProvider>;
  let lifecycle: OrderLifecycle;

  beforeEach(() => {
    orders = new FakeOrders();
    publisher = new FakePublisher();
    released = [];
    provider = {
      name: 'simulated',
      createIntent: jest.fn(),
      cancelIntent: jest.fn(),
      refund: jest.fn().mockResolvedValue(undefined),
    };
    lifecycle = new OrderLifecycle({
      orders: orders.asRepository(),
      products: {
        getMany: async (ids) => ids.filter((id) => id !== 'deleted').map(existing),
        releaseStockActions: (lines) => {
          released.push(lines);
          return lines.map((line) => ({
            Update: { TableName: 'products', Key: { id: line.productId }, UpdateExpression: 'release' },
          }));
        },
      },
      publisher,
      provider: async () => provider,
      now: () => NOW,
    });
  });

  const status = (): OrderStatus | undefined => orders.records.get(ORDER_ID)?.status;

  it('applies a transition, publishes the event it owes, then clears the outbox', async () => {
    orders.records.set(ORDER_ID, order());

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('applied');

    expect(status()).toBe('PAID');
    expect(publisher.published).toEqual([
      {
        type: 'OrderPaid',
        detail: {
          eventId: `OrderPaid:${ORDER_ID}`,
          orderId: ORDER_ID,
          user: 'alice',
          amount: 4498,
          currency: 'usd',
          occurredAt: NOW.toISOString(),
          items: [
            { productId: 'kept', name: 'Mug', count: 2, price: 999 },
            { productId: 'deleted', name: 'Lamp', count: 1, price: 2500 },
          ],
          location: { address: '1 Main St', country: 'US' },
          paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
        },
      },
    ]);
    expect(orders.records.get(ORDER_ID)?.outbox).toEqual({});
  });

  it('keeps the event in the outbox when publishing fails, and the retried trigger publishes it without a second transition', async () => {
    orders.records.set(ORDER_ID, order());
    publisher.failures = 1;

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).rejects.toThrow('EventBridge is down');
    expect(status()).toBe('PAID');
    expect(Object.keys(orders.records.get(ORDER_ID)?.outbox ?? {})).toEqual([`OrderPaid:${ORDER_ID}`]);

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('ignored');
    expect(orders.applied).toHaveLength(1);
    expect(publisher.published.map((event) => event.detail.eventId)).toEqual([`OrderPaid:${ORDER_ID}`]);
    expect(orders.records.get(ORDER_ID)?.outbox).toEqual({});
  });

  it('leaves an owed event to the delivery that holds its publishing lease', async () => {
    orders.records.set(ORDER_ID, order());
    publisher.failures = 1;
    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).rejects.toThrow();
    const owed = orders.records.get(ORDER_ID)!.outbox[`OrderPaid:${ORDER_ID}`];
    owed.claimedUntil = NOW.getTime() + 10_000; // another delivery is publishing it right now

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('ignored');

    expect(publisher.published).toEqual([]);
    expect(Object.keys(orders.records.get(ORDER_ID)!.outbox)).toEqual([`OrderPaid:${ORDER_ID}`]);
  });

  it('publishes nothing new for a duplicate trigger after success', async () => {
    orders.records.set(ORDER_ID, order());
    await lifecycle.trigger(ORDER_ID, 'payment-succeeded');

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('ignored');

    expect(orders.applied).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('ignores a late payment failure for a paid order', async () => {
    orders.records.set(ORDER_ID, order({ status: 'PAID' }));

    await expect(lifecycle.trigger(ORDER_ID, 'payment-failed')).resolves.toBe('ignored');

    expect(status()).toBe('PAID');
    expect(publisher.published).toEqual([]);
  });

  it('refunds a payment that arrives after cancellation once, without reviving the order', async () => {
    orders.records.set(ORDER_ID, order({ status: 'CANCELED' }));

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('refunded');
    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('refunded');

    expect(provider.refund).toHaveBeenCalledTimes(1);
    expect(provider.refund).toHaveBeenCalledWith('pi_sim_0123456789abcdef0123456789abcdef', ORDER_ID);
    expect(orders.refunds).toEqual([ORDER_ID]);
    expect(status()).toBe('CANCELED');
    expect(orders.applied).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it('releases stock on cancellation only for the products that still exist', async () => {
    orders.records.set(ORDER_ID, order());

    await expect(lifecycle.trigger(ORDER_ID, 'expired')).resolves.toBe('applied');

    expect(released).toEqual([[{ productId: 'kept', count: 2 }]]);
    expect(orders.applied[0].extra).toEqual([
      { Update: { TableName: 'products', Key: { id: 'kept' }, UpdateExpression: 'release' } },
    ]);
    expect(publisher.published.map((event) => event.type)).toEqual(['OrderCanceled']);
  });

  it('cancels without any stock action when every product was deleted', async () => {
    orders.records.set(
      ORDER_ID,
      order({
        items: [
          { productId: 'deleted', name: 'Lamp', category: 'Home & Kitchen', price: 2500, count: 1, lineTotal: 2500 },
        ],
      }),
    );

    await expect(lifecycle.trigger(ORDER_ID, 'payment-canceled')).resolves.toBe('applied');

    expect(released).toEqual([]);
    expect(orders.applied[0].extra).toEqual([]);
  });

  it('releases no stock when an order is paid', async () => {
    orders.records.set(ORDER_ID, order({ status: 'PAYMENT_FAILED' }));

    await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('applied');

    expect(released).toEqual([]);
    expect(status()).toBe('PAID');
  });

  it('decides again when another writer moved the order first', async () => {
    orders.records.set(ORDER_ID, order());
    orders.beforeNextTransition = () => orders.records.set(ORDER_ID, order({ status: 'PAID' }));

    await expect(lifecycle.trigger(ORDER_ID, 'expired')).resolves.toBe('ignored');

    expect(status()).toBe('PAID');
    expect(released).toHaveLength(1); // prepared for the first attempt, never written
    expect(orders.applied).toEqual([]);
  });

  it("answers 'missing' for an unknown order", async () => {
    await expect(lifecycle.trigger('o_ffffffffffffffffffffffffffffffff', 'payment-succeeded')).resolves.toBe('missing');
    expect(publisher.published).toEqual([]);
  });
});
