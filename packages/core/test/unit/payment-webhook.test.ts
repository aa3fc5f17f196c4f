import { ValidationError } from '@estore/core/errors';
import {
  paymentNoticeFrom,
  refundNoticeFrom,
  type SimulatedIntent,
  type SimulatedRefund,
  simulatedRefundWebhook,
  simulatedWebhook,
  verifyWebhook,
} from '@estore/core/payments';
import Stripe from 'stripe';

const SECRET = 'whsec_unit_test_secret';
const SENT_AT = new Date('2026-03-01T12:00:00.000Z');
const intent: SimulatedIntent = {
  id: 'pi_sim_abc123',
  amount: 4498,
  currency: 'usd',
  orderId: 'o_0123456789abcdef0123456789abcdef',
  user: 'alice',
};

function refusal(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the webhook to be refused');
}

describe('verifyWebhook', () => {
  it("accepts the simulated provider's signed event and returns it", () => {
    const { payload, signature } = simulatedWebhook(intent, 'succeeded', SECRET, SENT_AT);
    const event = verifyWebhook(payload, signature, SECRET, new Date(SENT_AT.getTime() + 5_000));
    expect(event.type).toBe('payment_intent.succeeded');
    expect(event.id).toMatch(/^evt_sim_[0-9a-f]{32}$/);
  });

  it.each<[string, (webhook: { payload: string; signature: string }) => [string, string | undefined, string]]>([
    ['a missing signature', ({ payload }) => [payload, undefined, SECRET]],
    ['an empty signature', ({ payload }) => [payload, '', SECRET]],
    [
      'a tampered body',
      ({ payload, signature }) => [payload.replace('"amount":4498', '"amount":1'), signature, SECRET],
    ],
    ['another secret', ({ payload, signature }) => [payload, signature, 'whsec_someone_else']],
    [
      'a forged signature',
      ({ payload }) => [payload, `t=${Math.floor(SENT_AT.getTime() / 1000)},v1=${'0'.repeat(64)}`, SECRET],
    ],
  ])('refuses %s with 400 INVALID_SIGNATURE', (_what, tamper) => {
    const [payload, signature, secret] = tamper(simulatedWebhook(intent, 'succeeded', SECRET, SENT_AT));
    const error = refusal(() => verifyWebhook(payload, signature, secret, SENT_AT));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'INVALID_SIGNATURE' });
    expect(error.details[0].field).toBe('stripe-signature');
  });

  it('accepts a signature 300 s old, the edge of the tolerance', () => {
    const { payload, signature } = simulatedWebhook(intent, 'succeeded', SECRET, SENT_AT);
    expect(() => verifyWebhook(payload, signature, SECRET, new Date(SENT_AT.getTime() + 300_000))).not.toThrow();
  });

  // Stripe's `receivedAt` is in milliseconds; passed in seconds, no signature was ever too old.
  it('refuses a replayed signature older than 300 s', () => {
    const { payload, signature } = simulatedWebhook(intent, 'succeeded', SECRET, SENT_AT);
    const error = refusal(() => verifyWebhook(payload, signature, SECRET, new Date(SENT_AT.getTime() + 301_000)));
    expect(error.code).toBe('INVALID_SIGNATURE');
  });
});

describe('paymentNoticeFrom', () => {
  const noticeOf = (outcome: 'succeeded' | 'failed' | 'canceled', from: SimulatedIntent = intent) => {
    const { payload, signature } = simulatedWebhook(from, outcome, SECRET, SENT_AT);
    const event = verifyWebhook(payload, signature, SECRET, SENT_AT);
    return { event, notice: paymentNoticeFrom(event) };
  };

  it('reads a success with the amount received', () => {
    const { event, notice } = noticeOf('succeeded');
    expect(notice).toEqual({
      eventId: event.id,
      outcome: 'succeeded',
      paymentIntentId: 'pi_sim_abc123',
      amount: 4498,
      currency: 'usd',
      orderId: intent.orderId,
    });
  });

  it('uses amount_received, not the amount asked, for a success', () => {
    const { event } = noticeOf('succeeded');
    (event.data.object as Stripe.PaymentIntent).amount_received = 100;
    expect(paymentNoticeFrom(event)?.amount).toBe(100);
  });

  it.each([
    ['failed', 'payment_intent.payment_failed'],
    ['canceled', 'payment_intent.canceled'],
  ] as const)('reads a %s payment (%s) with the amount asked', (outcome, type) => {
    const { event, notice } = noticeOf(outcome);
    expect(event.type).toBe(type);
    expect(notice).toMatchObject({ outcome, amount: 4498, paymentIntentId: 'pi_sim_abc123', orderId: intent.orderId });
  });

  it('leaves the order id out when the intent has none in its metadata', () => {
    expect(noticeOf('failed', { ...intent, orderId: '' }).notice?.orderId).toBeUndefined();
  });

  it('ignores event types the store does not act on, such as charge.refunded', () => {
    const payload = JSON.stringify({
      id: 'evt_refund_1',
      object: 'event',
      type: 'charge.refunded',
      created: Math.floor(SENT_AT.getTime() / 1000),
      data: {
        object: {
          id: 'ch_1',
          object: 'charge',
          amount: 4498,
          amount_refunded: 4498,
          currency: 'usd',
          payment_intent: 'pi_sim_abc123',
        },
      },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRET,
      timestamp: Math.floor(SENT_AT.getTime() / 1000),
    });
    const event = verifyWebhook(payload, signature, SECRET, SENT_AT);
    expect(event.type).toBe('charge.refunded');
    expect(paymentNoticeFrom(event)).toBeUndefined();
  });
});

describe('refundNoticeFrom', () => {
  const refund: SimulatedRefund = {
    refundId: 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d',
    providerRefundId: 're_sim_0123456789abcdef0123456789abcdef_0a1b2c3d',
    orderId: 'o_0123456789abcdef0123456789abcdef',
    amount: 1000,
    currency: 'usd',
    paymentIntentId: 'pi_sim_abc123',
  };

  /** A signed Stripe event of `type` around `object`, verified as the webhook does. */
  function verified(type: string, object: Record<string, unknown>) {
    const payload = JSON.stringify({
      id: 'evt_1',
      object: 'event',
      type,
      created: Math.floor(SENT_AT.getTime() / 1000),
      data: { object },
    });
    const timestamp = Math.floor(SENT_AT.getTime() / 1000);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp });
    return verifyWebhook(payload, signature, SECRET, SENT_AT);
  }
  const stripeRefund = (status: string) => ({
    id: 're_1',
    object: 'refund',
    amount: 1000,
    currency: 'usd',
    status,
    payment_intent: 'pi_1',
    metadata: { orderId: refund.orderId, refundId: refund.refundId },
  });

  it.each([
    ['succeeded', 'refund.updated'],
    ['failed', 'refund.failed'],
  ] as const)("reads the simulated provider's %s refund (%s) with the store's ids", (outcome, type) => {
    const { payload, signature } = simulatedRefundWebhook(refund, outcome, SECRET, SENT_AT);
    const event = verifyWebhook(payload, signature, SECRET, SENT_AT);
    expect(event.type).toBe(type);
    expect(refundNoticeFrom(event)).toEqual({
      eventId: event.id,
      outcome,
      providerRefundId: refund.providerRefundId,
      refundId: refund.refundId,
      orderId: refund.orderId,
      paymentIntentId: 'pi_sim_abc123',
      amount: 1000,
      currency: 'usd',
    });
  });

  it.each([
    ['refund.created', 'succeeded', 'succeeded'],
    ['refund.created', 'pending', 'pending'],
    ['refund.updated', 'requires_action', 'pending'],
    ['refund.updated', 'canceled', 'failed'],
    ['refund.failed', 'failed', 'failed'],
  ])('reads %s with status %s as %s: the status decides, not the event type', (type, status, outcome) => {
    expect(refundNoticeFrom(verified(type, stripeRefund(status)))?.outcome).toBe(outcome);
  });

  it('leaves the store ids out for a refund made outside the store (no metadata)', () => {
    const notice = refundNoticeFrom(verified('refund.updated', { ...stripeRefund('succeeded'), metadata: {} }));
    expect(notice).toMatchObject({ providerRefundId: 're_1', outcome: 'succeeded' });
    expect(notice?.refundId).toBeUndefined();
    expect(notice?.orderId).toBeUndefined();
  });

  it.each([
    // The same update as refund.updated, for selected payment methods only: handling both would say it twice.
    ['charge.refund.updated', stripeRefund('succeeded')],
    ['charge.refunded', { id: 'ch_1', object: 'charge', amount_refunded: 1000 }],
    ['payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount: 1000 }],
  ])('carries no refund notice for %s', (type, object) => {
    expect(refundNoticeFrom(verified(type, object))).toBeUndefined();
  });
});
