import Stripe from 'stripe';
import {
  type CancelOutcome,
  type CreatedIntent,
  type PaymentIntentRequest,
  type PaymentProvider,
  PaymentProviderError,
} from './provider';

/** Stripe through its SDK. The order id is the idempotency key, so a retried call creates nothing twice. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(secretKey: string, options: { timeoutMs?: number } = {}) {
    this.stripe = new Stripe(secretKey, { maxNetworkRetries: 2, timeout: options.timeoutMs ?? 5000 });
  }

  async createIntent(request: PaymentIntentRequest): Promise<CreatedIntent> {
    const intent = await this.call('create a payment intent', () =>
      this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency,
          metadata: { orderId: request.orderId, user: request.user },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: `intent-${request.orderId}` },
      ),
    );
    if (!intent.client_secret) throw new PaymentProviderError('Stripe returned an intent without a client secret');
    return { id: intent.id, clientSecret: intent.client_secret };
  }

  async cancelIntent(paymentIntentId: string): Promise<CancelOutcome> {
    try {
      await this.stripe.paymentIntents.cancel(paymentIntentId);
      return 'canceled';
    } catch (error) {
      // Already canceled, succeeded or processing: ask Stripe what it is now.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError))
        throw new PaymentProviderError('Stripe could not cancel the intent', { cause: error });
      const intent = await this.call('read a payment intent', () =>
        this.stripe.paymentIntents.retrieve(paymentIntentId),
      );
      return intent.status === 'canceled' ? 'canceled' : 'not-cancelable';
    }
  }

  async refund(paymentIntentId: string, orderId: string): Promise<void> {
    await this.call('refund a payment', () =>
      this.stripe.refunds.create({ payment_intent: paymentIntentId }, { idempotencyKey: `refund-${orderId}` }),
    );
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new PaymentProviderError(`Stripe could not ${what}`, { cause: error });
    }
  }
}
