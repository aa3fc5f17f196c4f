import Stripe from 'stripe';
import { logger } from '../logger';
import {
  type CancelOutcome,
  type CreatedIntent,
  type IntentState,
  type PaymentIntentRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type RefundRequest,
} from './provider';
import { INTENT_STATUS, refundStatusOf } from './stripe-statuses';

export interface StripeProviderOptions {
  /** One HTTP attempt's limit, in ms. */
  timeoutMs?: number;
  /** Attempts after the first one (connection errors, 409, 5xx), with the SDK's 0.5 s, 1 s, ... backoff. */
  maxNetworkRetries?: number;
  /** Where the API is: api.stripe.com over https, unless a test stands a local server in for it. */
  endpoint?: { host: string; port: number; protocol: 'http' | 'https' };
}

/**
 * Sized for a 10 s function. The SDK's worst case for one call is (1 + retries) x timeout plus its
 * backoff sleeps (the first 0.5 s, the second at most 1 s): 2 x 3 s + 0.5 s = 6.5 s, leaving 3.5 s
 * for the DynamoDB writes around the call and the function's own start. (The SDK's former settings
 * here, 5 s and 2 retries, took up to 3 x 5 + 0.5 + 1 = 16.5 s.) A closed connection is retried once
 * by the SDK even with no retries configured, which stays within the two attempts counted here.
 * A function with a longer timeout, or one that makes several calls in a row, passes its own.
 */
export const STRIPE_DEFAULTS = { timeoutMs: 3_000, maxNetworkRetries: 1 } as const;

/** Which intent to take when a search finds several for one order: the one holding money first. */
const SEARCH_PREFERENCE: IntentState['status'][] = ['succeeded', 'processing', 'open', 'canceled'];

/** Stripe through its SDK. Idempotency keys derive from the store's ids, so a retried call creates nothing twice. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(secretKey: string, options: StripeProviderOptions = {}) {
    const { timeoutMs, maxNetworkRetries } = { ...STRIPE_DEFAULTS, ...options };
    this.stripe = new Stripe(secretKey, { maxNetworkRetries, timeout: timeoutMs, ...options.endpoint });
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

  async getIntent(paymentIntentId: string): Promise<IntentState | undefined> {
    const intent = await this.unlessMissing('read a payment intent', () =>
      this.stripe.paymentIntents.retrieve(paymentIntentId),
    );
    if (!intent) return undefined;
    const status = INTENT_STATUS[intent.status];
    // A status this code does not know yet must be looked at, not guessed: the caller backs off and logs it.
    if (!status) throw new PaymentProviderError(`Stripe reports an unknown intent status: ${intent.status}`);
    return {
      id: intent.id,
      status,
      // For a payment, what was received (as the webhook checks), not what was asked.
      amount: status === 'succeeded' ? intent.amount_received : intent.amount,
      currency: intent.currency,
    };
  }

  /** Stripe's search lags new intents by up to a minute; callers ask about orders far older than that. */
  async findIntentForOrder(orderId: string): Promise<string | undefined> {
    const query = `metadata['orderId']:'${searchLiteral(orderId)}'`;
    const result = await this.call('search payment intents', () =>
      this.stripe.paymentIntents.search({ query, limit: 10 }),
    );
    const ranked = result.data
      .map((intent) => ({ id: intent.id, rank: SEARCH_PREFERENCE.indexOf(INTENT_STATUS[intent.status] ?? 'open') }))
      .sort((a, b) => a.rank - b.rank);
    // One intent per order (its idempotency key is the order id); more means a key outlived its 24 hours.
    if (ranked.length > 1) logger.warn('several payment intents for one order', { orderId, intents: ranked });
    return ranked[0]?.id;
  }

  async createRefund(request: RefundRequest): Promise<ProviderRefund> {
    const refund = await this.call('refund a payment', () =>
      this.stripe.refunds.create(
        {
          payment_intent: request.paymentIntentId,
          amount: request.amount,
          metadata: { orderId: request.orderId, refundId: request.refundId },
        },
        { idempotencyKey: `refund-${request.refundId}` },
      ),
    );
    return providerRefund(refund);
  }

  async getRefund(providerRefundId: string): Promise<ProviderRefund | undefined> {
    const refund = await this.unlessMissing('read a refund', () => this.stripe.refunds.retrieve(providerRefundId));
    return refund && providerRefund(refund);
  }

  /** A read whose object Stripe does not know (`resource_missing`) is undefined, not an error. */
  private async unlessMissing<T>(what: string, action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing')
        return undefined;
      throw providerError(what, error);
    }
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw providerError(what, error);
    }
  }
}

/**
 * Permanent: Stripe refused the request itself (nothing left to refund, an unknown intent, a
 * declined card refund), so sending it again cannot help. Not permanent: Stripe could not be
 * reached or failed (connection, 5xx, rate limit, a bad key that someone will fix), and the
 * idempotency errors (`StripeIdempotencyError`, or `idempotency_key_in_use` while the same request
 * is still in flight), which a later retry of the same request resolves or shows to a person.
 */
function providerError(what: string, error: unknown): PaymentProviderError {
  const refused =
    (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) &&
    !error.code?.startsWith('idempotency_');
  return new PaymentProviderError(`Stripe could not ${what}`, { cause: error, permanent: refused });
}

const providerRefund = (refund: Stripe.Refund): ProviderRefund => ({
  id: refund.id,
  status: refundStatusOf(refund.status),
});

/** Order ids are `o_<hex>`; anything else could not have been put in an intent's metadata by the store. */
function searchLiteral(orderId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(orderId))
    throw new PaymentProviderError(`Not an order id to search for: ${JSON.stringify(orderId)}`, { permanent: true });
  return orderId;
}
