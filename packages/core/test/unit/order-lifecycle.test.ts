import type { ProductRecord, StockLine } from '@estore/core/catalog';
import type { EventDetail, EventName } from '@estore/core/events';
import {
  OrderLifecycle,
  type OrderRecord,
  type OrderRefunds,
  OWED_GRACE_MS,
  refundIdFor,
  SYSTEM_ACTOR,
} from '@estore/core/order';
import { RecordingMetrics } from '@estore/testkit';
import { FakeOrders, INTENT_ID, ORDER_ID, orderRecord, refundRecord } from './fake-orders';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const GRACE_DUE = new Date(NOW.getTime() + OWED_GRACE_MS).toISOString();

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

/** Records what the lifecycle asks of the refunds; recording and sending them is OrderRefunds' own test. */
class FakeRefunds implements Pick<OrderRefunds, 'recordLatePayment' | 'sendOwed'> {
  readonly latePayments: Array<{ status: string; paymentIntentId: string | null; note: string }> = [];
  /** The refund ids each settle found owed. */
  readonly sendOwedCalls: string[][] = [];

  async recordLatePayment(order: OrderRecord, paymentIntentId: string | null, note: string): Promise<void> {
    this.latePayments.push({ status: order.status, paymentIntentId, note });
  }

  async sendOwed(order: OrderRecord): Promise<void> {
    this.sendOwedCalls.push(Object.keys(order.refunds));
  }
}

const existing = (id: string) => ({ id }) as ProductRecord;

describe('OrderLifecycle', () => {
  let orders: FakeOrders;
  let publisher: FakePublisher;
  let refunds: FakeRefunds;
  let released: StockLine[][];
  let lifecycle: OrderLifecycle;
  let metrics: RecordingMetrics;

  function given(record: OrderRecord): void {
    orders.records.set(record.orderId, record);
  }

  beforeEach(() => {
    orders = new FakeOrders();
    publisher = new FakePublisher();
    refunds = new FakeRefunds();
    released = [];
    metrics = new RecordingMetrics();
    lifecycle = new OrderLifecycle({
      metrics,
      orders,
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
      refunds,
      now: () => NOW,
      random: () => 0,
    });
  });

  const stored = () => orders.current(ORDER_ID);

  describe('applying a transition', () => {
    it('applies it, publishes the event it owes, then clears the outbox', async () => {
      given(orderRecord());

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('applied');

      expect(stored().status).toBe('PAID');
      expect(stored().paidAt).toBe(NOW.toISOString());
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
            paymentIntentId: INTENT_ID,
          },
        },
      ]);
      expect(stored().outbox).toEqual({});
    });

    it('writes the transition at the revision it read and puts the order in the due index for the work it owes', async () => {
      given(orderRecord({ revision: 3 }));
      publisher.failures = 1;

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).rejects.toThrow('EventBridge is down');

      expect(stored().revision).toBe(4);
      expect(stored().dueAt).toBe(GRACE_DUE);
    });

    it("records who acted in the history, 'system' unless a person did", async () => {
      given(orderRecord());
      await lifecycle.trigger(ORDER_ID, 'payment-succeeded');
      await lifecycle.trigger(ORDER_ID, 'ship', {
        by: 'staff-sam',
        shipment: { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: null },
      });

      expect(stored().history.map(({ status, by }) => ({ status, by }))).toEqual([
        { status: 'PENDING_PAYMENT', by: 'alice' },
        { status: 'PAID', by: SYSTEM_ACTOR },
        { status: 'SHIPPED', by: 'staff-sam' },
      ]);
    });

    it("answers 'missing' for an unknown order", async () => {
      await expect(lifecycle.trigger('o_ffffffffffffffffffffffffffffffff', 'payment-succeeded')).resolves.toBe(
        'missing',
      );
      expect(publisher.published).toEqual([]);
    });

    it('ignores a late payment failure for a paid order', async () => {
      given(orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z' }));

      await expect(lifecycle.trigger(ORDER_ID, 'payment-failed')).resolves.toBe('ignored');

      expect(stored().status).toBe('PAID');
      expect(orders.transitions).toEqual([]);
      expect(publisher.published).toEqual([]);
    });
  });

  describe('the outbox', () => {
    it('keeps the event owed when publishing fails, and the retried trigger publishes it without a second transition', async () => {
      given(orderRecord());
      publisher.failures = 1;

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).rejects.toThrow('EventBridge is down');
      expect(stored().status).toBe('PAID');
      expect(Object.keys(stored().outbox)).toEqual([`OrderPaid:${ORDER_ID}`]);
      expect(stored().outbox[`OrderPaid:${ORDER_ID}`].claimedUntil).toBeUndefined();

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('ignored');
      expect(orders.transitions).toHaveLength(1);
      expect(publisher.published.map((event) => event.detail.eventId)).toEqual([`OrderPaid:${ORDER_ID}`]);
      expect(stored().outbox).toEqual({});
    });

    it('leaves an owed event to the delivery that holds its publishing lease', async () => {
      given(orderRecord());
      publisher.failures = 1;
      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).rejects.toThrow();
      stored().outbox[`OrderPaid:${ORDER_ID}`].claimedUntil = NOW.getTime() + 10_000; // publishing right now

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('ignored');

      expect(publisher.published).toEqual([]);
      expect(Object.keys(stored().outbox)).toEqual([`OrderPaid:${ORDER_ID}`]);
    });

    it('publishes nothing new for a duplicate trigger after success', async () => {
      given(orderRecord());
      await lifecycle.trigger(ORDER_ID, 'payment-succeeded');

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('ignored');

      expect(orders.transitions).toHaveLength(1);
      expect(publisher.published).toHaveLength(1);
    });
  });

  describe('stock', () => {
    it('releases stock on cancellation only for the products that still exist', async () => {
      given(orderRecord());

      await expect(lifecycle.trigger(ORDER_ID, 'expired')).resolves.toBe('applied');

      expect(released).toEqual([[{ productId: 'kept', count: 2 }]]);
      expect(orders.transitions[0].write.extra).toEqual([
        { Update: { TableName: 'products', Key: { id: 'kept' }, UpdateExpression: 'release' } },
      ]);
      expect(publisher.published.map((event) => event.type)).toEqual(['OrderCanceled']);
    });

    it('cancels without any stock action when every product was deleted', async () => {
      given(
        orderRecord({
          items: [
            { productId: 'deleted', name: 'Lamp', category: 'Home & Kitchen', price: 2500, count: 1, lineTotal: 2500 },
          ],
        }),
      );

      await expect(lifecycle.trigger(ORDER_ID, 'payment-canceled')).resolves.toBe('applied');

      expect(released).toEqual([]);
      expect(orders.transitions[0].write.extra).toEqual([]);
    });

    it('releases no stock when an order is paid', async () => {
      given(orderRecord({ status: 'PAYMENT_FAILED' }));

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).resolves.toBe('applied');

      expect(released).toEqual([]);
      expect(orders.transitions[0].write.extra).toEqual([]);
      expect(stored().status).toBe('PAID');
    });
  });

  describe('a concurrent writer', () => {
    it('makes it decide again when the order moved first', async () => {
      given(orderRecord());
      orders.before.applyTransition = () =>
        given(orderRecord({ status: 'PAID', revision: 1, paidAt: '2026-03-01T11:59:00.000Z' }));

      await expect(lifecycle.trigger(ORDER_ID, 'expired')).resolves.toBe('ignored');

      expect(stored().status).toBe('PAID');
      expect(released).toHaveLength(1); // prepared for the first attempt, never written
      expect(orders.transitions).toEqual([]);
    });

    it('makes a cancel refund only what a refund that landed meanwhile left', async () => {
      given(orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z' }));
      const staffRefund = refundRecord({ amount: 1000 });
      orders.before.applyTransition = () => {
        const current = stored();
        current.refunds[staffRefund.refundId] = staffRefund;
        current.refundHeld = 1000;
        current.revision += 1;
      };

      await expect(lifecycle.trigger(ORDER_ID, 'customer-cancel', { by: 'alice' })).resolves.toBe('applied');

      expect(orders.transitions).toHaveLength(1);
      expect(stored().refunds[refundIdFor(ORDER_ID, 'cancel')].amount).toBe(4498 - 1000);
      expect(stored().refundHeld).toBe(4498);
    });
  });

  describe('ship and deliver', () => {
    const shipment = { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999' };

    it('sets the shipment and owes OrderShipped with who shipped it and the tracking', async () => {
      given(orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z' }));
      publisher.failures = 1; // so the owed event stays in the outbox to be read

      await expect(lifecycle.trigger(ORDER_ID, 'ship', { by: 'staff-sam', shipment })).rejects.toThrow();

      expect(stored().status).toBe('SHIPPED');
      expect(stored().shipment).toEqual({ ...shipment, shippedAt: NOW.toISOString(), deliveredAt: null });
      const owed = stored().outbox[`OrderShipped:${ORDER_ID}`];
      expect(owed.detailType).toBe('OrderShipped');
      expect(owed.detail).toMatchObject({
        eventId: `OrderShipped:${ORDER_ID}`,
        by: 'staff-sam',
        shipment: { ...shipment, shippedAt: NOW.toISOString() },
      });
      expect(released).toEqual([]);
    });

    it('marks a shipped order delivered and publishes OrderDelivered', async () => {
      given(
        orderRecord({
          status: 'SHIPPED',
          paidAt: '2026-03-01T11:05:00.000Z',
          shipment: { ...shipment, shippedAt: '2026-03-01T11:30:00.000Z', deliveredAt: null },
        }),
      );

      await expect(lifecycle.trigger(ORDER_ID, 'deliver', { by: 'staff-sam' })).resolves.toBe('applied');

      expect(stored().shipment?.deliveredAt).toBe(NOW.toISOString());
      expect(publisher.published.map(({ type, detail }) => [type, detail.by])).toEqual([
        ['OrderDelivered', 'staff-sam'],
      ]);
    });
  });

  describe('cancel', () => {
    const paid = () => orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z', dueAt: undefined });

    it("records a paid order's refund of what is not refunded yet, releases its stock and says so in OrderCanceled", async () => {
      given({ ...paid(), refunds: { [refundRecord().refundId]: refundRecord({ amount: 500 }) }, refundHeld: 500 });

      await expect(lifecycle.trigger(ORDER_ID, 'customer-cancel', { by: 'alice' })).resolves.toBe('applied');

      const refundId = refundIdFor(ORDER_ID, 'cancel');
      expect(stored().refunds[refundId]).toEqual({
        refundId,
        amount: 4498 - 500,
        reason: 'order canceled',
        status: 'PENDING',
        by: 'alice',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        paymentIntentId: INTENT_ID,
      });
      expect(stored().refundHeld).toBe(4498);
      expect(released).toEqual([[{ productId: 'kept', count: 2 }]]);
      expect(publisher.published).toEqual([
        {
          type: 'OrderCanceled',
          detail: expect.objectContaining({ reason: 'customer', by: 'alice', refundAmount: 4498 - 500 }),
        },
      ]);
      // Settling sends it: the refunds are asked to send whatever the order owes, the new refund included.
      expect(refunds.sendOwedCalls.at(-1)).toContain(refundId);
    });

    it("a staff cancel carries staff's reason as the note and staff as the actor", async () => {
      given(paid());

      await lifecycle.trigger(ORDER_ID, 'staff-cancel', { by: 'staff-sam', note: 'out of stock at the warehouse' });

      expect(stored().history.at(-1)).toEqual({
        status: 'CANCELED',
        at: NOW.toISOString(),
        note: 'out of stock at the warehouse',
        by: 'staff-sam',
      });
      expect(stored().refunds[refundIdFor(ORDER_ID, 'cancel')].by).toBe('staff-sam');
      expect(publisher.published[0].detail).toMatchObject({
        reason: 'staff',
        note: 'out of stock at the warehouse',
        by: 'staff-sam',
        refundAmount: 4498,
      });
    });

    it('records no refund when an unpaid order is canceled', async () => {
      given(orderRecord());

      await expect(lifecycle.trigger(ORDER_ID, 'customer-cancel', { by: 'alice' })).resolves.toBe('applied');

      expect(stored().status).toBe('CANCELED');
      expect(stored().refunds).toEqual({});
      expect(stored().refundHeld).toBe(0);
      expect(orders.transitions[0].write.refund).toBeUndefined();
      expect(publisher.published[0].detail).toMatchObject({ reason: 'customer', refundAmount: 0 });
    });

    it('records no refund when a paid order is canceled with nothing left to refund', async () => {
      given({ ...paid(), refunds: { [refundRecord().refundId]: refundRecord({ amount: 4498 }) }, refundHeld: 4498 });

      await lifecycle.trigger(ORDER_ID, 'customer-cancel', { by: 'alice' });

      expect(Object.keys(stored().refunds)).toEqual([refundRecord().refundId]);
      expect(publisher.published[0].detail.refundAmount).toBe(0);
    });
  });

  describe('a payment for a canceled order', () => {
    it("asks the refunds to record it with the event's intent and never revives the order", async () => {
      given(orderRecord({ status: 'CANCELED', paymentIntentId: null }));

      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded', { paymentIntentId: 'pi_late' })).resolves.toBe(
        'refunded',
      );

      expect(refunds.latePayments).toEqual([
        { status: 'CANCELED', paymentIntentId: 'pi_late', note: expect.any(String) },
      ]);
      expect(stored().status).toBe('CANCELED');
      expect(orders.transitions).toEqual([]);
      expect(publisher.published).toEqual([]);
      expect(refunds.sendOwedCalls).toHaveLength(1); // then settles: what was recorded is sent
    });

    it("falls back to the order's own intent when the event names none", async () => {
      given(orderRecord({ status: 'CANCELED' }));

      await lifecycle.trigger(ORDER_ID, 'payment-succeeded');

      expect(refunds.latePayments.map((call) => call.paymentIntentId)).toEqual([INTENT_ID]);
    });
  });

  describe('settle', () => {
    it('takes an order that owes nothing out of the due index', async () => {
      given(orderRecord());

      await lifecycle.trigger(ORDER_ID, 'payment-succeeded');

      expect(orders.reschedules).toEqual([{ dueAt: undefined, attempts: 0 }]);
      expect(stored().dueAt).toBeUndefined();
    });

    it('reschedules an unpaid order at its payment deadline once its event is published', async () => {
      given(orderRecord({ payBy: '2026-03-01T12:30:00.000Z', dueAt: '2026-03-01T12:30:00.000Z' }));

      await lifecycle.trigger(ORDER_ID, 'payment-failed');

      expect(stored().status).toBe('PAYMENT_FAILED');
      expect(stored().dueAt).toBe('2026-03-01T12:30:00.000Z');
    });

    it('leaves an order whose event could not be published due for the sweep, whose settle finishes it', async () => {
      given(orderRecord());
      publisher.failures = 1;
      await expect(lifecycle.trigger(ORDER_ID, 'payment-succeeded')).rejects.toThrow();
      expect(stored().dueAt).toBe(GRACE_DUE);

      await lifecycle.settle(ORDER_ID);

      expect(publisher.published.map((event) => event.type)).toEqual(['OrderPaid']);
      expect(stored().outbox).toEqual({});
      expect(stored().dueAt).toBeUndefined();
    });

    it('reschedules an unsent refund at its backoff time', async () => {
      given(
        orderRecord({
          status: 'PAID',
          paidAt: '2026-03-01T11:05:00.000Z',
          refunds: { [refundRecord().refundId]: refundRecord({ sendAttempts: 2 }) },
          refundHeld: 1000,
          dueAt: undefined,
        }),
      );

      await lifecycle.settle(ORDER_ID);

      // Third attempt, random 0: half of min(1h, 60 s * 2^2).
      expect(stored().dueAt).toBe(new Date(NOW.getTime() + 120_000).toISOString());
      expect(orders.reschedules).toEqual([{ dueAt: stored().dueAt, attempts: 0 }]);
    });

    it('decides again when the order moved while it was being rescheduled', async () => {
      given(orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z' }));
      orders.before.reschedule = () => {
        stored().revision += 1;
      };

      await lifecycle.settle(ORDER_ID);

      expect(orders.reschedules).toEqual([{ dueAt: undefined, attempts: 0 }]);
      expect(stored().dueAt).toBeUndefined();
    });

    it('records the attempts the sweep counted', async () => {
      given(orderRecord({ payBy: '2026-03-01T11:30:00.000Z', dueAt: '2026-03-01T11:30:00.000Z' }));

      await lifecycle.reschedule(ORDER_ID, 2);

      expect(orders.reschedules).toEqual([{ dueAt: '2026-03-01T11:30:00.000Z', attempts: 2 }]);
      expect(stored().dueAttempts).toBe(2);
    });
  });

  describe('metrics', () => {
    it('counts a payment and its revenue once, however often the payment arrives', async () => {
      given(orderRecord());

      await lifecycle.trigger(ORDER_ID, 'payment-succeeded');
      await lifecycle.trigger(ORDER_ID, 'payment-succeeded');

      expect(metrics.lines()).toEqual(['OrderPaid:1', `Revenue:${stored().amount}`]);
    });

    it('counts a cancel by its reason, a failed payment, a ship and a delivery', async () => {
      given(orderRecord());

      await lifecycle.trigger(ORDER_ID, 'payment-failed');
      await lifecycle.trigger(ORDER_ID, 'expired');

      expect(metrics.lines()).toEqual(['PaymentFailed:1', 'OrderCanceled{reason=expired}:1']);
    });

    it('counts nothing for a trigger that changed nothing', async () => {
      given(orderRecord({ status: 'CANCELED' }));

      await lifecycle.trigger(ORDER_ID, 'expired');

      expect(metrics.emitted).toEqual([]);
    });
  });
});
