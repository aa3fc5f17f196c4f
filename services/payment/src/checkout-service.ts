import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProductRepository } from '@estore/core/catalog';
import { logWith } from '@estore/core/correlation';
import { AppError, ConflictError } from '@estore/core/errors';
import { type Publisher } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import { emfMetrics, type MetricsSink } from '@estore/core/metrics';
import {
  type CartRepository,
  type Location,
  type OrderLifecycle,
  type OrderRecord,
  type OrderRepository,
  orderEventDetail,
  UNPAID_STATUSES,
} from '@estore/core/order';
import { type CreatedIntent, type PaymentProvider, STRIPE_DEFAULTS } from '@estore/core/payments';
import { orderIdForKey, randomOrderId } from './domain/new-order';
import { OrderPlacement } from './order-placement';

export interface CheckoutResult {
  orderId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export interface CheckoutDeps {
  db: DynamoDBDocumentClient;
  carts: Pick<CartRepository, 'get' | 'clearAction' | 'save'>;
  orders: Pick<OrderRepository, 'get' | 'placeAction' | 'holdUnpaidSlotAction' | 'setPaymentIntent'>;
  products: Pick<ProductRepository, 'getMany' | 'reserveStockActions'>;
  /** Cancels an order the checkout cannot finish: its stock and unpaid slot released in the same write. */
  lifecycle: Pick<OrderLifecycle, 'trigger'>;
  provider: () => Promise<PaymentProvider>;
  /** Publishes under `estore.order`: the checkout places orders on the order service's behalf. */
  publisher: Publisher;
  paymentWindowMinutes: number;
  /** Unpaid orders one customer may hold at once (409 TOO_MANY_PENDING_ORDERS beyond). */
  maxPendingOrders: number;
  now?: () => Date;
  newOrderId?: () => string;
  /** Business metrics (EMF by default): OrderPlaced, CheckoutRejected{code}. */
  metrics?: MetricsSink;
}

export interface CheckoutOptions {
  /** The request's `Idempotency-Key`: the order's id is derived from it, so a retry resumes that order. */
  key?: string;
  /** The invocation's time left (Lambda's `getRemainingTimeInMillis`); without it, no time check. */
  remainingMs?: () => number;
  /** The request's correlation id: kept on the order it places, so everything about the order logs it. */
  correlationId?: string;
}

/**
 * The time budget of a checkout in its 10 s function (services/payment/serverless.yml). The
 * provider's call is the long part: the Stripe client (STRIPE_DEFAULTS: 3 s timeout, 1 retry)
 * takes at most 2 x 3 s plus the SDK's first retry sleep (0.5 s) = 6.5 s for `createIntent`.
 * After it, 1.5 s records the intent and publishes OrderPlaced, or (no key) cancels the order and
 * restores the cart. So Stripe is called only with 8 s left: the placement (at most 1.24 s of
 * backoff, OrderPlacement) and a cold read of the secret fit in the 2 s before. With less left
 * the checkout answers 503 at once instead of being killed mid-call, which would leave the customer
 * the gateway's error and, without a key, nothing compensated. The simulated provider answers in
 * memory, with nothing to time out: it is never skipped (the local stack runs without Lambda
 * timeouts, where a slow machine must make a test slow, not wrong).
 */
export const PROVIDER_CALL_MS = (1 + STRIPE_DEFAULTS.maxNetworkRetries) * STRIPE_DEFAULTS.timeoutMs + 500;
export const AFTER_PROVIDER_MS = 1_500;

/** Whether the time left can hold a call to `provider` that ends in its worst case, and `after` more. */
function timeFor(provider: PaymentProvider, options: CheckoutOptions, after: number): boolean {
  const left = options.remainingMs?.();
  return provider.name === 'simulated' || left === undefined || left >= PROVIDER_CALL_MS + after;
}

/** What a checkout got done before it failed: the intent to cancel, when there is one. */
interface Progress {
  intentId?: string;
}

/**
 * Turns the caller's cart into an order (OrderPlacement: priced on the server, stock, order, unpaid
 * slot and cart in one transaction), then opens a payment intent for exactly its amount, records
 * it on the order and publishes OrderPlaced.
 *
 * With an `Idempotency-Key` the order's id is derived from (customer, key): a retry after any
 * failure, even a killed invocation, finds the order the first attempt placed and finishes it
 * (reserving nothing twice: the provider's intent is idempotent per order, its recording too), so
 * a failure leaves the order for the retry, and the sweep expires it if no retry comes. Without a
 * key nothing could find the order again, so a failure after the placement cancels it (its stock
 * and slot released), cancels the intent if one was created and restores the cart before the 5xx.
 */
export class CheckoutService {
  private readonly now: () => Date;
  private readonly newOrderId: () => string;
  private readonly placement: OrderPlacement;

  constructor(private readonly deps: CheckoutDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newOrderId = deps.newOrderId ?? randomOrderId;
    this.placement = new OrderPlacement({ ...deps, now: this.now });
    this.metrics = deps.metrics ?? emfMetrics;
  }

  private readonly metrics: MetricsSink;

  async checkout(user: string, location: Location, options: CheckoutOptions = {}): Promise<CheckoutResult> {
    try {
      return await (options.key !== undefined
        ? this.checkoutWithKey(user, location, options.key, options)
        : this.checkoutWithoutKey(user, location, options));
    } catch (error) {
      // Counted where it is decided: a keyed retry replaying a stored 4xx never gets here again.
      if (error instanceof AppError) this.metrics.emit('CheckoutRejected', 1, { code: error.code });
      throw error;
    }
  }

  private async checkoutWithoutKey(user: string, location: Location, options: CheckoutOptions) {
    const placement = await this.place(user, location, this.newOrderId(), options);
    if (!('placed' in placement)) throw new Error(`a fresh order id was taken: ${placement.exists}`);
    const order = placement.placed;
    const progress: Progress = {};
    try {
      return await this.openPayment(order, options, progress);
    } catch (error) {
      await this.compensate(order, progress, options);
      throw error;
    }
  }

  private async checkoutWithKey(
    user: string,
    location: Location,
    key: string,
    options: CheckoutOptions,
  ): Promise<CheckoutResult> {
    const orderId = orderIdForKey(user, key);
    // Before the cart is read: a checkout that placed its order already must not hear "empty cart".
    const existing = await this.deps.orders.get(orderId);
    if (existing) return this.resume(existing, user, options);
    const placement = await this.place(user, location, orderId, options).catch(async (error: unknown) => {
      // A refusal (the emptied cart) because another attempt with this key placed the order meanwhile.
      if (error instanceof AppError && (await this.deps.orders.get(orderId))) return { exists: orderId };
      throw error;
    });
    if ('placed' in placement) return this.openPayment(placement.placed, options, {});
    // The order's Put was refused, or the cart was gone: a concurrent attempt with the same key placed it first.
    const placed = await this.deps.orders.get(orderId);
    if (!placed) throw new Error(`order ${orderId} was refused as existing but cannot be read`);
    return this.resume(placed, user, options);
  }

  /** Places the order, counting it once: only the transaction that wrote it answers `placed`. */
  private async place(user: string, location: Location, orderId: string, options: CheckoutOptions) {
    const placement = await this.placement.place(user, location, orderId, options.correlationId);
    if ('placed' in placement) {
      logWith({ correlationId: options.correlationId, orderId: placement.placed.orderId });
      logger.info('order placed', { amount: placement.placed.amount, lines: placement.placed.items.length });
      this.metrics.emit('OrderPlaced');
    }
    return placement;
  }

  /** Finishes the checkout that placed `order` under the same key, as the first attempt would have. */
  private resume(order: OrderRecord, user: string, options: CheckoutOptions): Promise<CheckoutResult> {
    // 128 bits of a hash over the customer: another customer's order here is not a case, it is a bug.
    if (order.user !== user) throw new Error(`order ${order.orderId} derived for ${user} belongs to someone else`);
    logger.info('checkout resumes the order placed with its Idempotency-Key', {
      orderId: order.orderId,
      status: order.status,
    });
    if (!UNPAID_STATUSES.has(order.status)) {
      // Canceled (it expired, or the customer canceled it) or paid since: this key's checkout is over.
      throw new ConflictError(
        'ORDER_NOT_PAYABLE',
        `The order placed with this Idempotency-Key is ${order.status}; check out again with a new key`,
      );
    }
    return this.openPayment(order, options, {});
  }

  /** The intent for the order (the same one on every call), recorded on it, and OrderPlaced. */
  private async openPayment(order: OrderRecord, options: CheckoutOptions, progress: Progress): Promise<CheckoutResult> {
    const intent = await this.createIntent(order, options);
    progress.intentId = intent.id;
    if (!(await this.deps.orders.setPaymentIntent(order.orderId, intent.id, this.now()))) {
      // Only when the provider forgot its idempotency for the order (after a day) or the order vanished.
      throw new Error(`order ${order.orderId} holds another payment intent than ${intent.id}, or is gone`);
    }
    try {
      const eventId = `OrderPlaced:${order.orderId}`;
      const detail = orderEventDetail({ ...order, paymentIntentId: intent.id }, eventId, order.createdAt);
      await this.deps.publisher.publish('OrderPlaced', detail);
    } catch (error) {
      // OrderPlaced informs; nothing depends on it to be correct, so the customer still pays.
      logger.error('could not publish OrderPlaced', { orderId: order.orderId, error: error as Error });
    }
    return {
      orderId: order.orderId,
      paymentIntentId: intent.id,
      clientSecret: intent.clientSecret,
      amount: order.amount,
      currency: order.currency,
    };
  }

  private async createIntent(order: OrderRecord, options: CheckoutOptions): Promise<CreatedIntent> {
    const resumable = options.key !== undefined;
    let provider: PaymentProvider;
    try {
      provider = await this.deps.provider();
    } catch (error) {
      logger.error('payment provider cannot be configured', { orderId: order.orderId, error: error as Error });
      throw providerUnavailable(502, resumable);
    }
    if (!timeFor(provider, options, AFTER_PROVIDER_MS)) {
      logger.warn('too little time left to call the payment provider', {
        orderId: order.orderId,
        left: options.remainingMs?.(),
      });
      throw providerUnavailable(503, resumable);
    }
    try {
      return await provider.createIntent({
        orderId: order.orderId,
        user: order.user,
        amount: order.amount,
        currency: order.currency,
      });
    } catch (error) {
      logger.error('payment provider failed at checkout', { orderId: order.orderId, error: error as Error });
      throw providerUnavailable(502, resumable);
    }
  }

  /**
   * Undoes a checkout without a key that cannot finish: the order canceled (its stock and unpaid
   * slot released in the same write), the cart given back, then the intent canceled if there is
   * one, each step on its own: one failing does not stop the others.
   */
  private async compensate(order: OrderRecord, progress: Progress, options: CheckoutOptions): Promise<void> {
    await this.deps.lifecycle.trigger(order.orderId, 'provider-unavailable').catch((error: unknown) => {
      // It stays PENDING_PAYMENT: the expiry sweep cancels it at its deadline and releases its stock.
      logger.error('could not cancel the order the checkout could not finish', {
        orderId: order.orderId,
        error: error as Error,
      });
    });
    // The customer did nothing wrong: their cart comes back (unless they already started a new one).
    const lines = order.items.map(({ productId, count }) => ({ productId, count }));
    await this.deps.carts.save(order.user, lines, undefined, this.now()).catch((error: unknown) => {
      logger.error('could not restore the cart of a checkout that failed', {
        orderId: order.orderId,
        error: error as Error,
      });
    });
    if (progress.intentId) await this.cancelIntent(order.orderId, progress.intentId, options);
  }

  /**
   * Best effort: the customer never received the intent's client secret, so nobody can pay it; it
   * is canceled only when the provider's worst case still fits the time left.
   */
  private async cancelIntent(orderId: string, intentId: string, options: CheckoutOptions): Promise<void> {
    try {
      const provider = await this.deps.provider();
      if (!timeFor(provider, options, 0)) {
        logger.warn('too little time left to cancel the intent of a failed checkout', { orderId, intentId });
        return;
      }
      await provider.cancelIntent(intentId);
    } catch (error) {
      logger.warn('could not cancel the intent of a failed checkout', { orderId, intentId, error: error as Error });
    }
  }
}

/** 502: the provider failed or cannot be configured; 503: too little time was left to ask it. */
function providerUnavailable(status: 502 | 503, resumable: boolean): AppError {
  return new AppError(
    'PAYMENT_PROVIDER_UNAVAILABLE',
    resumable
      ? 'The payment provider is not answering; nothing was charged. Retry with the same Idempotency-Key to finish this order'
      : 'The payment provider is not answering; nothing was charged or reserved, try again',
    status,
  );
}
