import { PaymentProviderError, paymentNoticeFrom, refundNoticeFrom, verifyWebhook } from '@estore/core/payments';
import { FaultPlan, Prng, SimulatedStripe } from '../../src/chaos';

const SECRET = 'whsec_test';
const NOW = new Date('2026-01-05T09:00:00Z');
const request = { orderId: 'o_0123456789abcdef', user: 'ann', amount: 1200, currency: 'usd' };

function stripe(instantRefunds = 0) {
  const plan = new FaultPlan(new Prng(3));
  return { plan, provider: new SimulatedStripe(plan, SECRET, () => NOW, instantRefunds) };
}

/** The webhooks the provider owes, verified by the store's own webhook code. */
const delivered = (provider: SimulatedStripe) =>
  provider.webhooks.map((webhook) => verifyWebhook(webhook.payload, provider.sign(webhook.payload), SECRET, NOW));

describe('the simulated Stripe', () => {
  it('opens one intent per order however often it is asked', async () => {
    const { provider } = stripe();
    const first = await provider.createIntent(request);
    const again = await provider.createIntent(request);
    expect(again.id).toBe(first.id);
    expect(await provider.findIntentForOrder(request.orderId)).toBe(first.id);
    expect(await provider.getIntent(first.id)).toEqual({ id: first.id, status: 'open', amount: 1200, currency: 'usd' });
  });

  it('takes the payment and owes a signed payment_intent.succeeded for the order', async () => {
    const { provider } = stripe();
    const { id } = await provider.createIntent(request);
    expect(provider.pay(id)).toBe(true);
    const [event] = delivered(provider);
    expect(paymentNoticeFrom(event)).toMatchObject({
      outcome: 'succeeded',
      paymentIntentId: id,
      amount: 1200,
      orderId: request.orderId,
    });
    expect(provider.netFor(request.orderId)).toBe(1200);
  });

  it('cannot cancel an intent being paid, and cancels an open one once', async () => {
    const { provider } = stripe();
    const { id } = await provider.createIntent(request);
    provider.startProcessing(id);
    expect(await provider.cancelIntent(id)).toBe('not-cancelable');
    const other = await provider.createIntent({ ...request, orderId: 'o_fedcba9876543210' });
    expect(await provider.cancelIntent(other.id)).toBe('canceled');
    expect(provider.pay(other.id)).toBe(false);
  });

  it('refunds once per refund id and never past what it captured', async () => {
    const { provider } = stripe();
    const { id } = await provider.createIntent(request);
    provider.pay(id);
    const refund = { refundId: 'rf_a', orderId: request.orderId, paymentIntentId: id, amount: 800, currency: 'usd' };
    const first = await provider.createRefund(refund);
    expect(await provider.createRefund(refund)).toEqual(first);
    const tooMuch = await provider.createRefund({ ...refund, refundId: 'rf_b' }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(PaymentProviderError);
    expect((tooMuch as PaymentProviderError).permanent).toBe(true);
    expect(provider.settleRefund(first.id, 'succeeded')).toBe(true);
    expect(provider.netFor(request.orderId)).toBe(400);
    const refundEvent = delivered(provider).at(-1);
    expect(refundEvent && refundNoticeFrom(refundEvent)).toMatchObject({
      outcome: 'succeeded',
      refundId: 'rf_a',
      providerRefundId: first.id,
      amount: 800,
    });
  });

  it('fails a call as the provider being down, without doing it', async () => {
    const { plan, provider } = stripe();
    plan.use([{ point: 'stripe:createIntent', kind: 'server-error', probability: 1 }]);
    const error = await plan.invoke('checkout', () => provider.createIntent(request)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect((error as PaymentProviderError).permanent).toBe(false);
    expect(provider.intents.size).toBe(0);
  });
});
