import { ConflictError, NotFoundError } from '@estore/core/errors';
import { type OrderRecord, OrderRefunds, refundIdFor, SYSTEM_ACTOR } from '@estore/core/order';
import {
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type RefundRequest,
} from '@estore/core/payments';
import { RecordingMetrics } from '@estore/testkit';
import { FakeOrders, INTENT_ID, ORDER_ID, orderRecord, refundRecord } from './fake-orders';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** The provider's refunds, idempotent per the store's refund id as Stripe's idempotency key makes them. */
class FakeProvider implements Pick<PaymentProvider, 'createRefund' | 'findIntentForOrder'> {
  readonly calls: RefundRequest[] = [];
  readonly refunds = new Map<string, ProviderRefund>();
  readonly intents = new Map<string, string>();
  /** How a new refund is answered: still `pending`, or settled at once. */
  answer: ProviderRefund['status'] = 'pending';
  /** Calls that fail as if the provider could not be reached. */
  unreachable = 0;
  /** The provider refuses every refund itself (nothing left to refund, a disputed charge). */
  refuses = false;
  /** Runs as a call arrives, before it is answered. */
  onCall?: (request: RefundRequest) => void;

  async createRefund(request: RefundRequest): Promise<ProviderRefund> {
    this.calls.push(request);
    this.onCall?.(request);
    if (this.unreachable > 0) {
      this.unreachable -= 1;
      throw new PaymentProviderError('provider unreachable');
    }
    if (this.refuses) throw new PaymentProviderError('charge disputed', { permanent: true });
    const known = this.refunds.get(request.refundId);
    if (known) return known;
    const created: ProviderRefund = { id: `re_${this.refunds.size + 1}`, status: this.answer };
    this.refunds.set(request.refundId, created);
    return created;
  }

  async findIntentForOrder(orderId: string): Promise<string | undefined> {
    return this.intents.get(orderId);
  }
}

const paidOrder = (overrides: Partial<OrderRecord> = {}) =>
  orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z', dueAt: undefined, ...overrides });
const staffRefund = (amount: number, key?: string) => ({
  amount,
  reason: 'damaged in transit',
  by: 'staff-sam',
  ...(key ? { key } : {}),
});

describe('OrderRefunds', () => {
  let orders: FakeOrders;
  let provider: FakeProvider;
  let refunds: OrderRefunds;
  let metrics: RecordingMetrics;

  beforeEach(() => {
    orders = new FakeOrders(paidOrder());
    provider = new FakeProvider();
    metrics = new RecordingMetrics();
    refunds = new OrderRefunds({ orders, provider: async () => provider, now: () => NOW, metrics });
  });

  const stored = () => orders.current(ORDER_ID);

  describe('request', () => {
    it('records the refund on the order before it asks the provider, with the refund id as the idempotency key', async () => {
      const refundId = refundIdFor(ORDER_ID, 'key:k-1');
      let recordedBeforeSending = false;
      provider.onCall = () => {
        recordedBeforeSending = stored().refunds[refundId]?.status === 'PENDING';
      };

      const refund = await refunds.request(ORDER_ID, staffRefund(1000, 'k-1'));

      expect(recordedBeforeSending).toBe(true);
      expect(provider.calls).toEqual([
        { refundId, orderId: ORDER_ID, paymentIntentId: INTENT_ID, amount: 1000, currency: 'usd' },
      ]);
      expect(refund).toEqual({
        refundId,
        amount: 1000,
        reason: 'damaged in transit',
        status: 'PENDING',
        by: 'staff-sam',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      });
      expect(stored().refunds[refundId]).toMatchObject({ providerRefundId: 're_1', paymentIntentId: INTENT_ID });
      expect(stored().refundHeld).toBe(1000);
    });

    it('answers a retry with the same key with the first refund, sent to the provider once', async () => {
      const first = await refunds.request(ORDER_ID, staffRefund(1000, 'k-1'));

      const retry = await refunds.request(ORDER_ID, staffRefund(1000, 'k-1'));

      expect(retry).toEqual(first);
      expect(provider.calls).toHaveLength(1);
      expect(Object.keys(stored().refunds)).toEqual([first.refundId]);
      expect(stored().refundHeld).toBe(1000);
    });

    it('sends a refund again on a retry with the same key only while the provider has not accepted it', async () => {
      provider.unreachable = 1;
      const first = await refunds.request(ORDER_ID, staffRefund(1000, 'k-1'));
      expect(stored().refunds[first.refundId].providerRefundId).toBeUndefined();

      await refunds.request(ORDER_ID, staffRefund(1000, 'k-1'));
      await refunds.request(ORDER_ID, staffRefund(1000, 'k-1'));

      expect(provider.calls.map((call) => call.refundId)).toEqual([first.refundId, first.refundId]);
      expect(stored().refunds[first.refundId].providerRefundId).toBe('re_1');
    });

    it('makes a separate refund of each request without a key', async () => {
      const first = await refunds.request(ORDER_ID, staffRefund(1000));
      const second = await refunds.request(ORDER_ID, staffRefund(1000));

      expect(second.refundId).not.toBe(first.refundId);
      expect(stored().refundHeld).toBe(2000);
    });

    it('refuses a refund past the amount paid with REFUND_EXCEEDS_PAYMENT', async () => {
      await refunds.request(ORDER_ID, staffRefund(4000));

      const refused = refunds.request(ORDER_ID, staffRefund(499));

      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await expect(refused).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT', status: 409 });
      expect(stored().refundHeld).toBe(4000);
      await expect(refunds.request(ORDER_ID, staffRefund(498))).resolves.toMatchObject({ amount: 498 });
    });

    it('frees the amount of a FAILED refund to be refunded again', async () => {
      const failed = await refunds.request(ORDER_ID, staffRefund(4498));
      await refunds.settle(ORDER_ID, failed.refundId, 'FAILED');

      await expect(refunds.request(ORDER_ID, staffRefund(4498))).resolves.toMatchObject({ status: 'PENDING' });
      expect(stored().refundHeld).toBe(4498);
    });

    it('decides again, against the new total, when another refund landed first', async () => {
      orders.before.addRefund = () => {
        const other = refundRecord({ amount: 4000 });
        stored().refunds[other.refundId] = other;
        stored().refundHeld = 4000;
        stored().revision += 1;
      };

      await expect(refunds.request(ORDER_ID, staffRefund(1000))).rejects.toMatchObject({
        code: 'REFUND_EXCEEDS_PAYMENT',
      });
      expect(stored().refundHeld).toBe(4000);
      expect(provider.calls).toEqual([]);
    });

    it('refuses to refund an order that was never paid with INVALID_TRANSITION', async () => {
      orders.records.set(ORDER_ID, orderRecord());

      await expect(refunds.request(ORDER_ID, staffRefund(100))).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        status: 409,
      });
      expect(stored().refunds).toEqual({});
    });

    it('answers 404 for an unknown order', async () => {
      await expect(refunds.request('o_ffffffffffffffffffffffffffffffff', staffRefund(100))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('leaves the refund owed when the provider cannot be reached, and still answers with it', async () => {
      provider.unreachable = 1;

      const refund = await refunds.request(ORDER_ID, staffRefund(1000));

      expect(refund).toMatchObject({ status: 'PENDING', amount: 1000 });
      expect(stored().refunds[refund.refundId]).toMatchObject({ status: 'PENDING', sendAttempts: 1 });
      expect(stored().refunds[refund.refundId].providerRefundId).toBeUndefined();
      expect(stored().refundHeld).toBe(1000);
      expect(stored().dueAt).toBe(NOW.toISOString()); // the sweep finds it owed
    });

    it('settles a refund the provider refuses FAILED and frees its amount', async () => {
      provider.refuses = true;

      const refund = await refunds.request(ORDER_ID, staffRefund(1000));

      expect(refund.status).toBe('FAILED');
      expect(stored().refunds[refund.refundId].status).toBe('FAILED');
      expect(stored().refundHeld).toBe(0);
      expect(stored().outbox).toEqual({});
      expect(metrics.lines()).toEqual(['RefundFailed:1']);
    });

    it('settles a refund the provider completes at once SUCCEEDED and owes OrderRefunded', async () => {
      provider.answer = 'succeeded';
      const earlier = refundRecord({ amount: 300, status: 'SUCCEEDED', providerRefundId: 're_0' });
      orders.records.set(ORDER_ID, paidOrder({ refunds: { [earlier.refundId]: earlier }, refundHeld: 300 }));

      const refund = await refunds.request(ORDER_ID, staffRefund(1000));

      expect(refund.status).toBe('SUCCEEDED');
      expect(stored().refunds[refund.refundId].status).toBe('SUCCEEDED');
      expect(stored().outbox[`OrderRefunded:${refund.refundId}`]).toEqual({
        detailType: 'OrderRefunded',
        detail: {
          eventId: `OrderRefunded:${refund.refundId}`,
          orderId: ORDER_ID,
          user: 'alice',
          amount: 4498,
          currency: 'usd',
          occurredAt: NOW.toISOString(),
          refundId: refund.refundId,
          refundAmount: 1000,
          refundedAmount: 1300,
          providerRefundId: 're_1',
        },
      });
    });
  });

  describe('settle', () => {
    it('applies an outcome once: a second delivery changes nothing', async () => {
      const refund = await refunds.request(ORDER_ID, staffRefund(1000));

      await expect(refunds.settle(ORDER_ID, refund.refundId, 'SUCCEEDED')).resolves.toBe(true);
      await expect(refunds.settle(ORDER_ID, refund.refundId, 'SUCCEEDED')).resolves.toBe(false);
      await expect(refunds.settle(ORDER_ID, refund.refundId, 'FAILED')).resolves.toBe(false);

      expect(stored().refunds[refund.refundId].status).toBe('SUCCEEDED');
      expect(stored().refundHeld).toBe(1000);
      expect(Object.keys(stored().outbox)).toEqual([`OrderRefunded:${refund.refundId}`]);
      expect(metrics.lines()).toEqual(['RefundSucceeded:1', 'RefundedAmount:1000']);
    });

    it('gives the amount of a FAILED refund back once and owes no event', async () => {
      const refund = await refunds.request(ORDER_ID, staffRefund(1000));

      await expect(refunds.settle(ORDER_ID, refund.refundId, 'FAILED')).resolves.toBe(true);
      await expect(refunds.settle(ORDER_ID, refund.refundId, 'FAILED')).resolves.toBe(false);

      expect(stored().refundHeld).toBe(0);
      expect(stored().outbox).toEqual({});
    });

    it('answers false for a refund or an order it does not know', async () => {
      await expect(refunds.settle(ORDER_ID, refundIdFor(ORDER_ID, 'nothing'), 'SUCCEEDED')).resolves.toBe(false);
      await expect(
        refunds.settle('o_ffffffffffffffffffffffffffffffff', refundIdFor(ORDER_ID), 'SUCCEEDED'),
      ).resolves.toBe(false);
    });
  });

  describe('sendOwed', () => {
    it('sends only the refunds still PENDING that the provider has not accepted yet', async () => {
      const owed = refundRecord({ refundId: refundIdFor(ORDER_ID, 'owed'), amount: 100 });
      const sent = refundRecord({ refundId: refundIdFor(ORDER_ID, 'sent'), amount: 100, providerRefundId: 're_9' });
      const failed = refundRecord({ refundId: refundIdFor(ORDER_ID, 'failed'), amount: 100, status: 'FAILED' });
      orders.records.set(
        ORDER_ID,
        paidOrder({ refunds: { [owed.refundId]: owed, [sent.refundId]: sent, [failed.refundId]: failed } }),
      );

      await refunds.sendOwed(stored());

      expect(provider.calls.map((call) => call.refundId)).toEqual([owed.refundId]);
      expect(stored().refunds[owed.refundId].providerRefundId).toBe('re_1');
    });
  });

  describe('recordLatePayment', () => {
    const canceled = (overrides: Partial<OrderRecord> = {}) =>
      orderRecord({ status: 'CANCELED', dueAt: undefined, ...overrides });
    const note = 'payment received after the order was canceled; refunded';

    it('records a refund of the whole amount from the late intent, with the payment, once for two deliveries', async () => {
      orders.records.set(ORDER_ID, canceled());

      await refunds.recordLatePayment(stored(), 'pi_late', note);
      await refunds.recordLatePayment(stored(), 'pi_late', note);

      const refundId = refundIdFor(ORDER_ID, 'late:pi_late');
      expect(Object.keys(stored().refunds)).toEqual([refundId]);
      expect(stored().refunds[refundId]).toEqual({
        refundId,
        amount: 4498,
        reason: note,
        status: 'PENDING',
        by: SYSTEM_ACTOR,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        paymentIntentId: 'pi_late',
      });
      expect(stored().paidAt).toBe(NOW.toISOString());
      expect(stored().status).toBe('CANCELED');
      expect(stored().history.at(-1)).toMatchObject({ status: 'CANCELED', note, by: SYSTEM_ACTOR });
      expect(provider.calls).toEqual([]); // sending it is the settle's (or the sweep's) job
    });

    it('records it once when two deliveries read the order before either wrote', async () => {
      orders.records.set(ORDER_ID, canceled());
      const [first, second] = [stored(), stored()].map((record) => structuredClone(record));

      await refunds.recordLatePayment(first, 'pi_late', note);
      await refunds.recordLatePayment(second, 'pi_late', note);

      expect(Object.keys(stored().refunds)).toHaveLength(1);
      expect(stored().refundHeld).toBe(4498);
    });

    it('records nothing for an order paid before its cancel (the cancel refunded it)', async () => {
      const cancelRefund = refundRecord({ refundId: refundIdFor(ORDER_ID, 'cancel'), amount: 4498 });
      orders.records.set(
        ORDER_ID,
        canceled({ paidAt: '2026-03-01T11:05:00.000Z', refunds: { [cancelRefund.refundId]: cancelRefund } }),
      );

      await refunds.recordLatePayment(stored(), INTENT_ID, note);

      expect(Object.keys(stored().refunds)).toEqual([cancelRefund.refundId]);
    });

    it('asks the provider for the intent of an order that recorded none', async () => {
      orders.records.set(ORDER_ID, canceled({ paymentIntentId: null }));
      provider.intents.set(ORDER_ID, 'pi_found');

      await refunds.recordLatePayment(stored(), null, note);

      expect(stored().refunds[refundIdFor(ORDER_ID, 'late:pi_found')]).toMatchObject({
        paymentIntentId: 'pi_found',
        amount: 4498,
      });
    });

    it('fails loudly when neither the event nor the provider knows the intent', async () => {
      orders.records.set(ORDER_ID, canceled({ paymentIntentId: null }));

      await expect(refunds.recordLatePayment(stored(), null, note)).rejects.toThrow(/knows no intent/);
      expect(stored().refunds).toEqual({});
    });
  });
});
