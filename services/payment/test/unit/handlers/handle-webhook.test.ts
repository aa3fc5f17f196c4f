import type { EventDetail, EventName } from '@estore/core/events';
import { type OrderRecord, refundIdFor } from '@estore/core/order';
import { simulatedRefundWebhook, simulatedWebhook } from '@estore/core/payments';
import { httpEvent, lambdaContext } from '@estore/testkit';
import { handleWebhook } from '../../../src/handlers/handle-webhook';
import type { WebhookEvents } from '../../../src/repositories/webhook-events';
import { WebhookService } from '../../../src/webhook-service';

const SECRET = 'whsec_unit_test_secret';
const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';
const INTENT_ID = 'pi_sim_0123456789abcdef0123456789abcdef';
const REFUND_ID = refundIdFor(ORDER_ID, 'cancel');
const order = {
  orderId: ORDER_ID,
  user: 'alice',
  status: 'PENDING_PAYMENT',
  amount: 2248,
  currency: 'usd',
  paymentIntentId: INTENT_ID,
  refunds: {
    [REFUND_ID]: {
      refundId: REFUND_ID,
      amount: 2248,
      reason: 'canceled by the customer',
      status: 'PENDING',
      by: 'alice',
      createdAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
      paymentIntentId: INTENT_ID,
    },
  },
} as OrderRecord;

describe('POST /payment/hook', () => {
  let published: Array<{ type: EventName; detail: EventDetail }>;
  let route: ReturnType<typeof handleWebhook>;

  beforeEach(() => {
    published = [];
    const handled = new Map<string, 'PROCESSING' | 'DONE'>();
    // The real webhook use case over in-memory storage and a recording publisher.
    const events = {
      claim: async (eventId: string) => !handled.has(eventId) && Boolean(handled.set(eventId, 'PROCESSING')),
      status: async (eventId: string) => handled.get(eventId),
      complete: async (eventId: string) => void handled.set(eventId, 'DONE'),
      release: async (eventId: string) => void handled.delete(eventId),
    };
    route = handleWebhook({
      webhookService: new WebhookService({
        events: events as unknown as WebhookEvents,
        orders: { get: async (id) => (id === ORDER_ID ? order : undefined), findByIntent: async () => order },
        publisher: { publish: async (type, detail) => void published.push({ type, detail }) },
        webhookSecret: async () => SECRET,
      }),
    });
  });

  async function deliver(payload: string, headers: Record<string, string>) {
    const result = await route(
      httpEvent({ method: 'POST', path: '/payment/hook', body: payload, headers }),
      lambdaContext(),
    );
    return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
  }

  it('acknowledges a signed event with 200 {received: true} and publishes the payment event', async () => {
    const intent = { id: INTENT_ID, amount: 2248, currency: 'usd', orderId: ORDER_ID, user: 'alice' };
    const { payload, signature } = simulatedWebhook(intent, 'succeeded', SECRET, new Date());

    await expect(deliver(payload, { 'stripe-signature': signature })).resolves.toEqual({
      status: 200,
      body: { received: true },
    });
    expect(published).toEqual([
      { type: 'PaymentSucceeded', detail: expect.objectContaining({ orderId: ORDER_ID, paymentIntentId: INTENT_ID }) },
    ]);
  });

  it("acknowledges a refund's settlement and publishes the refund event", async () => {
    const refund = {
      refundId: REFUND_ID,
      providerRefundId: 're_sim_x',
      orderId: ORDER_ID,
      amount: 2248,
      currency: 'usd',
      paymentIntentId: INTENT_ID,
    };
    const { payload, signature } = simulatedRefundWebhook(refund, 'failed', SECRET, new Date());

    await expect(deliver(payload, { 'stripe-signature': signature })).resolves.toEqual({
      status: 200,
      body: { received: true },
    });
    expect(published).toEqual([
      { type: 'RefundFailed', detail: expect.objectContaining({ orderId: ORDER_ID, refundId: REFUND_ID }) },
    ]);
  });

  it('refuses an unsigned delivery with 400 INVALID_SIGNATURE, and publishes nothing', async () => {
    await expect(deliver('{"id":"evt_1"}', {})).resolves.toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_SIGNATURE' } },
    });
    expect(published).toEqual([]);
  });
});
