import { createHmac } from 'node:crypto';
import { ValidationError } from '@estore/core/errors';
import { type EventDetail, type EventName } from '@estore/core/events';
import { type OrderRecord, type RefundRecord, refundIdFor } from '@estore/core/order';
import {
  type PaymentOutcome,
  type SimulatedIntent,
  type SimulatedRefund,
  simulatedRefundWebhook,
  simulatedWebhook,
} from '@estore/core/payments';
import { RecordingMetrics } from '@estore/testkit';
import type { WebhookEvents } from '../../src/repositories/webhook-events';
import { WebhookService } from '../../src/webhook-service';

const SECRET = 'whsec_unit_test_secret';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';
const INTENT_ID = 'pi_sim_0123456789abcdef0123456789abcdef';

const theOrder = (overrides: Partial<OrderRecord> = {}) =>
  ({
    orderId: ORDER_ID,
    user: 'alice',
    status: 'PENDING_PAYMENT',
    amount: 2248,
    currency: 'usd',
    paymentIntentId: INTENT_ID,
    ...overrides,
  }) as OrderRecord;
const intent: SimulatedIntent = { id: INTENT_ID, amount: 2248, currency: 'usd', orderId: ORDER_ID, user: 'alice' };
const REFUND_ID = refundIdFor(ORDER_ID, 'key:k1');
const PROVIDER_REFUND_ID = 're_sim_0123456789abcdef0123456789abcdef_0a1b2c3d';
const heldRefund = (overrides: Partial<RefundRecord> = {}): RefundRecord => ({
  refundId: REFUND_ID,
  amount: 1000,
  reason: 'damaged',
  status: 'PENDING',
  by: 'staff',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  paymentIntentId: INTENT_ID,
  providerRefundId: PROVIDER_REFUND_ID,
  ...overrides,
});
const paidWithRefund = (refund: RefundRecord = heldRefund()) =>
  theOrder({ status: 'PAID', refunds: { [refund.refundId]: refund }, correlationId: 'corr-1' });
const simulatedRefund: SimulatedRefund = {
  refundId: REFUND_ID,
  providerRefundId: PROVIDER_REFUND_ID,
  orderId: ORDER_ID,
  amount: 1000,
  currency: 'usd',
  paymentIntentId: INTENT_ID,
};

/** A signed refund webhook delivery, in the format Stripe sends when a refund settles. */
function refundDelivery(outcome: 'succeeded' | 'failed' = 'succeeded', overrides: Partial<SimulatedRefund> = {}) {
  const { payload, signature } = simulatedRefundWebhook({ ...simulatedRefund, ...overrides }, outcome, SECRET, NOW);
  return { payload, signature, eventId: (JSON.parse(payload) as { id: string }).id };
}

/** Signs a hand-made Stripe event with Stripe's v1 scheme: HMAC-SHA256 of `<timestamp>.<body>` (the payment service does not depend on the SDK itself). */
function signed(event: Record<string, unknown>) {
  const payload = JSON.stringify(event);
  const timestamp = Math.floor(NOW.getTime() / 1000);
  const signature = `t=${timestamp},v1=${createHmac('sha256', SECRET).update(`${timestamp}.${payload}`).digest('hex')}`;
  return { payload, signature };
}

/** A signed webhook delivery and the Stripe event id inside it. */
function delivery(outcome: PaymentOutcome = 'succeeded', overrides: Partial<SimulatedIntent> = {}) {
  const { payload, signature } = simulatedWebhook({ ...intent, ...overrides }, outcome, SECRET, NOW);
  return { payload, signature, eventId: (JSON.parse(payload) as { id: string }).id };
}

describe('WebhookService', () => {
  let orders: Map<string, OrderRecord>;
  let states: Map<string, 'PROCESSING' | 'DONE'>;
  let events: { claim: jest.Mock; status: jest.Mock; complete: jest.Mock; release: jest.Mock };
  let published: Array<{ type: EventName; detail: EventDetail }>;
  let publish: jest.Mock<Promise<void>, [EventName, EventDetail]>;
  let findByIntent: jest.Mock<Promise<OrderRecord | undefined>, [string]>;
  let service: WebhookService;
  let metrics: RecordingMetrics;

  beforeEach(() => {
    metrics = new RecordingMetrics();
    orders = new Map([[ORDER_ID, theOrder()]]);
    // The table of handled provider events: a claim holds while PROCESSING (leases never lapse here).
    states = new Map();
    events = {
      claim: jest.fn(async (eventId: string) => !states.has(eventId) && Boolean(states.set(eventId, 'PROCESSING'))),
      status: jest.fn(async (eventId: string) => states.get(eventId)),
      complete: jest.fn(async (eventId: string) => void states.set(eventId, 'DONE')),
      release: jest.fn(async (eventId: string) => void states.delete(eventId)),
    };
    published = [];
    publish = jest.fn(async (type, detail) => void published.push({ type, detail }));
    findByIntent = jest.fn(async (id) => [...orders.values()].find((order) => order.paymentIntentId === id));
    service = new WebhookService({
      events: events as unknown as WebhookEvents,
      orders: { get: async (id) => orders.get(id), findByIntent },
      publisher: { publish },
      webhookSecret: async () => SECRET,
      metrics,
      now: () => NOW,
    });
  });

  it('publishes PaymentSucceeded with the Stripe event id as its eventId, and completes the event', async () => {
    const { payload, signature, eventId } = delivery('succeeded');

    await expect(service.receive(payload, signature)).resolves.toBe('published');

    expect(published).toEqual([
      {
        type: 'PaymentSucceeded',
        detail: {
          eventId,
          orderId: ORDER_ID,
          user: 'alice',
          amount: 2248,
          currency: 'usd',
          occurredAt: NOW.toISOString(),
          paymentIntentId: INTENT_ID,
        },
      },
    ]);
    expect(events.complete).toHaveBeenCalledWith(eventId, 'published');
  });

  it.each([
    ['failed', 'PaymentFailed'],
    ['canceled', 'PaymentCanceled'],
  ] as const)('publishes a %s payment as %s', async (outcome, type) => {
    const { payload, signature } = delivery(outcome);
    await expect(service.receive(payload, signature)).resolves.toBe('published');
    expect(published.map((event) => event.type)).toEqual([type]);
  });

  it('refuses a bad signature with INVALID_SIGNATURE before claiming anything', async () => {
    const { payload } = delivery();
    await expect(service.receive(payload, 't=1,v1=forged')).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
      status: 400,
    });
    await expect(service.receive(payload, undefined)).rejects.toBeInstanceOf(ValidationError);
    expect(events.claim).not.toHaveBeenCalled();
    expect(metrics.lines()).toEqual(['WebhookRejected:1', 'WebhookRejected:1']);
  });

  it('counts no rejection for a verified delivery', async () => {
    const { payload, signature } = delivery();
    await service.receive(payload, signature);
    expect(metrics.lines()).toEqual([]);
  });

  it('ignores event types the store does not act on', async () => {
    const { payload, signature } = signed({
      id: 'evt_refund_1',
      object: 'event',
      type: 'charge.refunded',
      data: { object: { id: 'ch_1', object: 'charge' } },
    });

    await expect(service.receive(payload, signature)).resolves.toBe('ignored-type');

    expect(events.claim).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('handles a replayed event once: the second delivery is a duplicate', async () => {
    const { payload, signature } = delivery();
    await service.receive(payload, signature);

    await expect(service.receive(payload, signature)).resolves.toBe('duplicate');

    expect(published).toHaveLength(1);
  });

  describe('a delivery arriving while another one handles the same event', () => {
    beforeEach(() => jest.useFakeTimers({ now: NOW }));
    afterEach(() => jest.useRealTimers());

    it('answers duplicate once the other delivery completed it', async () => {
      const { payload, signature, eventId } = delivery();
      states.set(eventId, 'PROCESSING');

      const outcome = service.receive(payload, signature);
      await jest.advanceTimersByTimeAsync(300);
      states.set(eventId, 'DONE');
      await jest.advanceTimersByTimeAsync(300);

      await expect(outcome).resolves.toBe('duplicate');
      expect(published).toEqual([]);
    });

    it('takes the event over when the other delivery gave up', async () => {
      const { payload, signature, eventId } = delivery();
      states.set(eventId, 'PROCESSING');

      const outcome = service.receive(payload, signature);
      await jest.advanceTimersByTimeAsync(300);
      states.delete(eventId); // the first delivery failed and released its claim
      await jest.advanceTimersByTimeAsync(300);

      await expect(outcome).resolves.toBe('published');
      expect(published).toHaveLength(1);
    });

    it('asks the provider to retry with 503 when the other delivery is still busy after 5 s', async () => {
      const { payload, signature, eventId } = delivery();
      states.set(eventId, 'PROCESSING');

      const outcome = service.receive(payload, signature).catch((error: unknown) => error);
      await jest.advanceTimersByTimeAsync(5_200);

      await expect(outcome).resolves.toMatchObject({ status: 503, code: 'WEBHOOK_EVENT_IN_PROGRESS' });
      expect(published).toEqual([]);
      expect(states.get(eventId)).toBe('PROCESSING'); // never released someone else's claim
    });
  });

  it('completes an event for no known order without publishing', async () => {
    orders.clear();
    const { payload, signature, eventId } = delivery();

    await expect(service.receive(payload, signature)).resolves.toBe('unknown-order');

    expect(published).toEqual([]);
    expect(events.complete).toHaveBeenCalledWith(eventId, 'unknown-order');
  });

  it('finds the order by its intent when the event names no order', async () => {
    const { payload, signature } = delivery('succeeded', { orderId: '' });

    await expect(service.receive(payload, signature)).resolves.toBe('published');

    expect(findByIntent).toHaveBeenCalledWith(INTENT_ID);
    expect(published[0].detail.orderId).toBe(ORDER_ID);
  });

  it("treats an event whose intent is not the order's recorded intent as for no known order", async () => {
    const { payload, signature } = delivery('succeeded', { id: 'pi_sim_someone_elses_intent' });

    await expect(service.receive(payload, signature)).resolves.toBe('unknown-order');

    expect(published).toEqual([]);
  });

  it('accepts the event of an order whose intent is not recorded yet', async () => {
    orders.set(ORDER_ID, theOrder({ paymentIntentId: null }));
    const { payload, signature } = delivery();

    await expect(service.receive(payload, signature)).resolves.toBe('published');
  });

  it.each<[string, Partial<SimulatedIntent>]>([
    ['amount', { amount: 1 }],
    ['currency', { currency: 'eur' }],
  ])('never publishes a payment whose %s differs from the order', async (_what, overrides) => {
    const { payload, signature, eventId } = delivery('succeeded', overrides);

    await expect(service.receive(payload, signature)).resolves.toBe('mismatch');

    expect(published).toEqual([]);
    expect(events.complete).toHaveBeenCalledWith(eventId, 'mismatch');
  });

  it("releases the claim and rethrows when publishing fails, so Stripe's retry is handled", async () => {
    const down = new Error('EventBridge is down');
    publish.mockRejectedValueOnce(down);
    const { payload, signature, eventId } = delivery();

    await expect(service.receive(payload, signature)).rejects.toBe(down);
    expect(events.release).toHaveBeenCalledWith(eventId);
    expect(events.complete).not.toHaveBeenCalled();

    await expect(service.receive(payload, signature)).resolves.toBe('published');
    expect(published).toHaveLength(1);
  });
  describe('refund events', () => {
    beforeEach(() => orders.set(ORDER_ID, paidWithRefund()));

    it.each([
      ['succeeded', 'RefundSucceeded'],
      ['failed', 'RefundFailed'],
    ] as const)('publishes a %s refund as %s with the refund and the order it belongs to', async (outcome, type) => {
      const { payload, signature, eventId } = refundDelivery(outcome);

      await expect(service.receive(payload, signature)).resolves.toBe('published');

      expect(published).toEqual([
        {
          type,
          detail: {
            eventId,
            orderId: ORDER_ID,
            user: 'alice',
            amount: 2248,
            currency: 'usd',
            occurredAt: NOW.toISOString(),
            correlationId: 'corr-1',
            refundId: REFUND_ID,
            providerRefundId: PROVIDER_REFUND_ID,
            refundAmount: 1000,
          },
        },
      ]);
      expect(events.complete).toHaveBeenCalledWith(eventId, 'published');
    });

    it('handles a replayed refund event once', async () => {
      const { payload, signature } = refundDelivery();
      await service.receive(payload, signature);

      await expect(service.receive(payload, signature)).resolves.toBe('duplicate');

      expect(published).toHaveLength(1);
    });

    it("accepts a refund's event that arrives before the provider's refund id was recorded", async () => {
      orders.set(ORDER_ID, paidWithRefund(heldRefund({ providerRefundId: undefined })));
      const { payload, signature } = refundDelivery();

      await expect(service.receive(payload, signature)).resolves.toBe('published');
    });

    it('acknowledges a refund still pending without claiming or publishing anything', async () => {
      const { payload, signature } = signed({
        id: 'evt_refund_created',
        object: 'event',
        type: 'refund.created',
        data: {
          object: {
            id: PROVIDER_REFUND_ID,
            object: 'refund',
            amount: 1000,
            currency: 'usd',
            status: 'pending',
            metadata: { orderId: ORDER_ID, refundId: REFUND_ID },
          },
        },
      });

      await expect(service.receive(payload, signature)).resolves.toBe('ignored-pending');

      expect(events.claim).not.toHaveBeenCalled();
      expect(published).toEqual([]);
    });

    it.each<[string, Partial<SimulatedRefund>]>([
      ['a refund id the store never made', { refundId: 'rf_fedcba9876543210fedcba9876543210_00000000' }],
      ['a refund made outside the store, without metadata', { refundId: '', orderId: '' }],
    ])('completes %s as for no known order, publishing nothing', async (_what, overrides) => {
      const { payload, signature } = refundDelivery('succeeded', overrides);

      await expect(service.receive(payload, signature)).resolves.toBe('unknown-order');

      expect(published).toEqual([]);
    });

    it.each<[string, Partial<SimulatedRefund>]>([
      ['its amount', { amount: 2248 }],
      ['its currency', { currency: 'eur' }],
      ['its payment', { paymentIntentId: 'pi_sim_another_payment' }],
      ['its provider id', { providerRefundId: 're_sim_another_refund' }],
      ['its refund id (not on the order)', { refundId: refundIdFor(ORDER_ID, 'key:other') }],
    ])('never settles a refund whose event differs from the refund the order holds in %s', async (_what, overrides) => {
      const { payload, signature, eventId } = refundDelivery('succeeded', overrides);

      await expect(service.receive(payload, signature)).resolves.toBe('mismatch');

      expect(published).toEqual([]);
      expect(events.complete).toHaveBeenCalledWith(eventId, 'mismatch');
    });
  });
});
