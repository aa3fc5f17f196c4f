import { PAYMENT_INTENT_ID_PATTERN, refundIdFor } from '@estore/core/order';
import {
  PaymentProviderError,
  SimulatedPaymentProvider,
  simulatedIntentId,
  simulatedRefundId,
} from '@estore/core/payments';

const ORDER_A = 'o_0123456789abcdef0123456789abcdef';
const ORDER_B = 'o_fedcba9876543210fedcba9876543210';
const INTENT_A = 'pi_sim_0123456789abcdef0123456789abcdef';
const request = (orderId: string) => ({ orderId, user: 'alice', amount: 1999, currency: 'usd' });
const refundRequest = (refundId: string, paymentIntentId = INTENT_A) => ({
  refundId,
  orderId: ORDER_A,
  paymentIntentId,
  amount: 500,
  currency: 'usd',
});

describe('SimulatedPaymentProvider', () => {
  const provider = new SimulatedPaymentProvider('whsec_local');

  describe('intents', () => {
    it('creates the same intent for a retried order and another for another order', async () => {
      const first = await provider.createIntent(request(ORDER_A));
      await expect(provider.createIntent(request(ORDER_A))).resolves.toEqual(first);
      expect((await provider.createIntent(request(ORDER_B))).id).not.toBe(first.id);
    });

    it('names the intent after the order, as an id GET /order/{intent} accepts', async () => {
      const { id } = await provider.createIntent(request(ORDER_A));
      expect(id).toBe(INTENT_A);
      expect(id).toBe(simulatedIntentId(ORDER_A));
      expect(id).toMatch(PAYMENT_INTENT_ID_PATTERN);
    });

    it('returns a client secret that contains the intent id', async () => {
      const { id, clientSecret } = await provider.createIntent(request(ORDER_A));
      expect(clientSecret).toMatch(new RegExp(`^${id}_secret_[0-9a-f]{24}$`));
    });

    it('can always cancel an intent', async () => {
      await expect(provider.cancelIntent('pi_sim_x')).resolves.toBe('canceled');
    });

    it("finds an order's intent by deriving it, as createIntent does", async () => {
      await expect(provider.findIntentForOrder(ORDER_A)).resolves.toBe(
        (await provider.createIntent(request(ORDER_A))).id,
      );
    });

    // Keeping no state, it cannot know; a made-up answer would cancel or pay an order wrongly.
    it('refuses to say what became of an intent, rather than invent an answer', async () => {
      const error = await provider.getIntent(INTENT_A).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(PaymentProviderError);
      expect((error as PaymentProviderError).message).toMatch(/keeps no state/);
    });
  });

  describe('refunds', () => {
    const refundId = refundIdFor(ORDER_A, 'cancel');

    it('accepts a refund as pending, named after the refund id', async () => {
      await expect(provider.createRefund(refundRequest(refundId))).resolves.toEqual({
        id: `re_sim_${refundId.slice('rf_'.length)}`,
        status: 'pending',
      });
    });

    it('returns the same refund for a retried request and another for another refund', async () => {
      const first = await provider.createRefund(refundRequest(refundId));
      await expect(provider.createRefund(refundRequest(refundId))).resolves.toEqual(first);
      const other = await provider.createRefund(refundRequest(refundIdFor(ORDER_A, 'key:k2')));
      expect(other.id).not.toBe(first.id);
    });

    it('refuses, for good, to refund an intent it never made (as Stripe would)', async () => {
      const error = await provider.createRefund(refundRequest(refundId, 'pi_3Real')).catch((reason: unknown) => reason);
      expect(error).toMatchObject({ name: 'PaymentProviderError', permanent: true });
    });

    it('refuses an id that is not a refund id', () => {
      expect(() => simulatedRefundId('rf_nope')).toThrow(PaymentProviderError);
    });

    it('keeps its refunds pending (only `npm run pay` settles them) and knows no others', async () => {
      const { id } = await provider.createRefund(refundRequest(refundId));
      await expect(provider.getRefund(id)).resolves.toEqual({ id, status: 'pending' });
      await expect(provider.getRefund('re_3RealStripeRefund')).resolves.toBeUndefined();
    });
  });
});
