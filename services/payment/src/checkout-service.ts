import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactWrite } from '@estore/core/aws';
import { classifyReservationFailure, mergeStockLines, type ProductRepository } from '@estore/core/catalog';
import { AppError, ConflictError, ValidationError } from '@estore/core/errors';
import { type Publisher } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import {
  type CartRepository,
  type Location,
  MAX_CHECKOUT_LINES,
  type OrderLifecycle,
  type OrderRepository,
  priceLines,
} from '@estore/core/order';
import { type PaymentProvider } from '@estore/core/payments';
import { MAX_ORDER_AMOUNT, newOrder } from './domain/new-order';

export interface CheckoutResult {
  orderId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export interface CheckoutDeps {
  db: DynamoDBDocumentClient;
  carts: CartRepository;
  orders: OrderRepository;
  products: Pick<ProductRepository, 'getMany' | 'reserveStockActions'>;
  lifecycle: Pick<OrderLifecycle, 'trigger'>;
  provider: () => Promise<PaymentProvider>;
  /** Publishes under `estore.order`: the checkout places orders on the order service's behalf. */
  publisher: Publisher;
  paymentWindowMinutes: number;
  now?: () => Date;
  newOrderId?: () => string;
}

/** Placing lost a race with a price change or a cart edit: price again, at most this often. */
const MAX_PLACE_ATTEMPTS = 3;

export const newOrderId = (): string => `o_${randomBytes(16).toString('hex')}`;

/**
 * Turns the caller's cart into an order: priced on the server, placed in one transaction that
 * takes the stock of every line (or none), writes the order and empties the cart; then a payment
 * intent for exactly the order's amount. If the provider fails, the order is canceled and its
 * stock given back before the caller hears 502, so no path leaks a reservation.
 */
export class CheckoutService {
  private readonly now: () => Date;
  private readonly newOrderId: () => string;

  constructor(private readonly deps: CheckoutDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newOrderId = deps.newOrderId ?? newOrderId;
  }

  async checkout(user: string, location: Location): Promise<CheckoutResult> {
    const order = await this.place(user, location);
    let intent;
    try {
      intent = await (await this.deps.provider()).createIntent({
        orderId: order.orderId,
        user,
        amount: order.amount,
        currency: order.currency,
      });
    } catch (error) {
      logger.error('payment provider failed at checkout; canceling the order', {
        orderId: order.orderId,
        error: error as Error,
      });
      await this.deps.lifecycle.trigger(order.orderId, 'provider-unavailable').catch((cancelError: unknown) => {
        // The order stays PENDING_PAYMENT with no intent: the expiry sweep cancels it and releases its stock.
        logger.error('could not cancel the order after the provider failed', {
          orderId: order.orderId,
          error: cancelError as Error,
        });
      });
      // The customer did nothing wrong: their cart comes back (unless they already started a new one).
      await this.deps.carts.save(
        user,
        order.items.map(({ productId, count }) => ({ productId, count })),
        undefined,
        this.now(),
      );
      throw new AppError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'The payment provider is not answering; nothing was charged or reserved, try again',
        502,
      );
    }
    await this.deps.orders.setPaymentIntent(order.orderId, intent.id, this.now());
    try {
      await this.deps.publisher.publish('OrderPlaced', {
        eventId: `OrderPlaced:${order.orderId}`,
        orderId: order.orderId,
        user,
        amount: order.amount,
        currency: order.currency,
        occurredAt: order.createdAt,
        items: order.items.map(({ productId, name, count, price }) => ({ productId, name, count, price })),
        location: order.location,
        paymentIntentId: intent.id,
      });
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

  private async place(user: string, location: Location) {
    for (let attempt = 1; attempt <= MAX_PLACE_ATTEMPTS; attempt += 1) {
      const cart = await this.deps.carts.get(user);
      if (!cart || cart.lines.length === 0) throw emptyCart();
      if (cart.lines.length > MAX_CHECKOUT_LINES) {
        throw new ValidationError(
          `One checkout takes at most ${MAX_CHECKOUT_LINES} products`,
          [
            {
              field: 'cart',
              message: `the cart has ${cart.lines.length} products; at most ${MAX_CHECKOUT_LINES} fit one order`,
            },
          ],
          'CART_TOO_LARGE',
        );
      }
      const priced = priceLines(cart.lines, await this.deps.products.getMany(cart.lines.map((line) => line.productId)));
      if (priced.items.length === 0) throw emptyCart();
      if (priced.amount > MAX_ORDER_AMOUNT) {
        throw new ValidationError(
          'The order is larger than one payment can be',
          [{ field: 'cart', message: `at most ${MAX_ORDER_AMOUNT} cents` }],
          'ORDER_TOO_LARGE',
        );
      }
      const order = newOrder({
        orderId: this.newOrderId(),
        user,
        ...priced,
        location,
        now: this.now(),
        paymentWindowMinutes: this.deps.paymentWindowMinutes,
      });
      // Each line is taken at the price the customer is charged, or the transaction fails.
      const stock = mergeStockLines(priced.items.map(({ productId, count, price }) => ({ productId, count, price })));
      try {
        await transactWrite(this.deps.db, [
          ...this.deps.products.reserveStockActions(stock),
          this.deps.orders.placeAction(order),
          this.deps.carts.clearAction(user, cart.version),
        ]);
        return order;
      } catch (error) {
        const failure = classifyReservationFailure(error, stock, 0);
        if (failure && failure.short.length > 0)
          throw new ConflictError('INSUFFICIENT_STOCK', 'Not enough stock for some products', failure.short);
        if (!(error instanceof TransactionCanceledException)) throw error;
        // A price moved, the cart was edited meanwhile, or transactions collided: price again.
        logger.info('checkout lost a race; pricing again', {
          user,
          attempt,
          reasons: error.CancellationReasons?.map((r) => r.Code),
        });
      }
    }
    throw new ConflictError(
      'CHECKOUT_CONFLICT',
      'The cart or its prices kept changing during checkout; review the cart and try again',
    );
  }
}

const emptyCart = () =>
  new ValidationError(
    'The cart is empty',
    [{ field: 'cart', message: 'add products before checking out' }],
    'EMPTY_CART',
  );
