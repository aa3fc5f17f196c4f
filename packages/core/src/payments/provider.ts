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

/**
 * An intent as the provider sees it now: `open` can still be paid, `processing` is being paid
 * (a bank debit), `succeeded` is paid, `canceled` never will be.
 */
export interface IntentState {
  id: string;
  status: 'open' | 'processing' | 'succeeded' | 'canceled';
  /** For a `succeeded` intent, the amount received; otherwise the amount asked. */
  amount: number;
  currency: string;
}

export interface RefundRequest {
  /** The store's id: the provider's idempotency key, so a retried request never refunds twice. */
  refundId: string;
  orderId: string;
  paymentIntentId: string;
  amount: number;
  currency: string;
}

/** A refund as the provider sees it: `pending` until it settles (and its webhook says so). */
export interface ProviderRefund {
  id: string;
  status: 'pending' | 'succeeded' | 'failed';
}

export interface PaymentProvider {
  readonly name: 'stripe' | 'simulated';
  /** Idempotent per order: a retry for the same order returns the same intent. */
  createIntent(request: PaymentIntentRequest): Promise<CreatedIntent>;
  cancelIntent(paymentIntentId: string): Promise<CancelOutcome>;
  /** The intent's state now; undefined when the provider does not know it. */
  getIntent(paymentIntentId: string): Promise<IntentState | undefined>;
  /** The intent created for an order (found by the order id in its metadata) when none was recorded. */
  findIntentForOrder(orderId: string): Promise<string | undefined>;
  /** Refunds part or all of a payment; idempotent per `refundId`. */
  createRefund(request: RefundRequest): Promise<ProviderRefund>;
  /** A refund's state now; undefined when the provider does not know it. */
  getRefund(providerRefundId: string): Promise<ProviderRefund | undefined>;
}

/**
 * The provider could not be reached or refused the request; the caller answers 502 or retries.
 * `permanent`: the provider refused the request itself (retrying the same request cannot help).
 */
export class PaymentProviderError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options?: { cause?: unknown; permanent?: boolean }) {
    super(message, options);
    this.name = 'PaymentProviderError';
    this.permanent = options?.permanent ?? false;
  }
}
