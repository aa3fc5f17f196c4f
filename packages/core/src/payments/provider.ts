/** What the store asks of a payment provider; Stripe and the local simulation both implement it. */
export interface PaymentIntentRequest {
  orderId: string;
  user: string;
  amount: number;
  currency: string;
}

export interface CreatedIntent {
  id: string;
  clientSecret: string;
}

/**
 * `canceled`: the intent can no longer be paid. `not-cancelable`: it succeeded or is being
 * processed, so the order must wait for the provider's verdict instead of being canceled.
 */
export type CancelOutcome = 'canceled' | 'not-cancelable';

export interface PaymentProvider {
  readonly name: 'stripe' | 'simulated';
  /** Idempotent per order: a retry for the same order returns the same intent. */
  createIntent(request: PaymentIntentRequest): Promise<CreatedIntent>;
  cancelIntent(paymentIntentId: string): Promise<CancelOutcome>;
  /** Refunds the whole payment of an intent; idempotent per order. */
  refund(paymentIntentId: string, orderId: string): Promise<void>;
}

/** The provider could not be reached or refused the request; the caller answers 502 or retries. */
export class PaymentProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentProviderError';
  }
}
