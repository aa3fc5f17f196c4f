import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retry, transactWrite } from '@estore/core/aws';
import { classifyReservationFailure, mergeStockLines, type ProductRepository } from '@estore/core/catalog';
import { ConflictError, ValidationError } from '@estore/core/errors';
import { logger } from '@estore/core/logger';
import {
  type CartRepository,
  type Location,
  MAX_CHECKOUT_LINES,
  type OrderRecord,
  type OrderRepository,
  priceLines,
} from '@estore/core/order';
import { MAX_ORDER_AMOUNT, newOrder } from './domain/new-order';

export interface OrderPlacementDeps {
  db: DynamoDBDocumentClient;
  carts: Pick<CartRepository, 'get' | 'clearAction'>;
  orders: Pick<OrderRepository, 'placeAction' | 'holdUnpaidSlotAction'>;
  products: Pick<ProductRepository, 'getMany' | 'reserveStockActions'>;
  paymentWindowMinutes: number;
  /** Unpaid orders one customer may hold at once (the contract's per-stage cap). */
  maxPendingOrders: number;
  now: () => Date;
}

/** The order was placed now, or an order with its id existed already (a concurrent attempt with the same key won). */
export type Placement = { placed: OrderRecord } | { exists: string };

/**
 * How often a lost race (a price moved, the cart was edited, or AWS canceled the transaction with
 * `TransactionConflict` because another checkout was writing the same product) is priced and
 * tried again, and how long to wait between tries: capped exponential backoff with full jitter, so
 * buyers of one hot product spread out instead of colliding again in step. Six attempts wait at
 * most 40 + 80 + 160 + 320 + 640 ms = 1.24 s (0.62 s on average): by the last one the window is
 * 640 ms, room for some 30 one-item transactions (~20 ms each) without overlap, so that many
 * concurrent buyers of one product all get through; beyond that the customer hears 409
 * CHECKOUT_CONFLICT quickly, and the invocation keeps the time the payment provider needs
 * (CheckoutService's time budget: the placement must end within 2 s of a 10 s function).
 */
export const PLACE_ATTEMPTS = 6;
const PLACE_BACKOFF_BASE_MS = 20;
const PLACE_BACKOFF_CAP_MS = 640;

/**
 * Places an order from the customer's cart in one transaction: the stock of every line taken at
 * the price charged, the order written (refused if its id exists), one of the customer's unpaid
 * slots held (refused at the cap) and the cart emptied (refused if it was edited since it was read).
 * All of it or none of it.
 */
export class OrderPlacement {
  constructor(private readonly deps: OrderPlacementDeps) {}

  place(user: string, location: Location, orderId: string, correlationId?: string): Promise<Placement> {
    return retry((attempt) => this.attempt(user, location, orderId, attempt, correlationId), {
      attempts: PLACE_ATTEMPTS,
      baseMs: PLACE_BACKOFF_BASE_MS,
      capMs: PLACE_BACKOFF_CAP_MS,
      // attempt() turns every refusal a retry cannot change into its own error: what is left is a lost race.
      retryIf: (error) => error instanceof TransactionCanceledException,
      exhausted: () =>
        new ConflictError(
          'CHECKOUT_CONFLICT',
          'The cart or its prices kept changing during checkout; review the cart and try again',
        ),
    });
  }

  private async attempt(
    user: string,
    location: Location,
    orderId: string,
    attempt: number,
    correlationId: string | undefined,
  ): Promise<Placement> {
    const cart = await this.deps.carts.get(user);
    if (!cart || cart.lines.length === 0) throw emptyCart();
    if (cart.lines.length > MAX_CHECKOUT_LINES) throw cartTooLarge(cart.lines.length);
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
      orderId,
      user,
      ...priced,
      location,
      now: this.deps.now(),
      paymentWindowMinutes: this.deps.paymentWindowMinutes,
      correlationId,
    });
    // Each line is taken at the price the customer is charged, or the transaction fails.
    const stock = mergeStockLines(priced.items.map(({ productId, count, price }) => ({ productId, count, price })));
    // The order's Put and the slot follow the stock lines: their reasons are read by index below.
    const orderIndex = stock.length;
    const slotIndex = stock.length + 1;
    try {
      await transactWrite(this.deps.db, [
        ...this.deps.products.reserveStockActions(stock),
        this.deps.orders.placeAction(order),
        this.deps.orders.holdUnpaidSlotAction(user, orderId, this.deps.maxPendingOrders),
        this.deps.carts.clearAction(user, cart.version),
      ]);
      return { placed: order };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[orderIndex]?.Code === 'ConditionalCheckFailed') return { exists: orderId };
      if (reasons[slotIndex]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(
          'TOO_MANY_PENDING_ORDERS',
          `You already have ${this.deps.maxPendingOrders} orders waiting for payment; pay or cancel one first`,
        );
      }
      const failure = classifyReservationFailure(error, stock, 0);
      if (failure && failure.short.length > 0)
        throw new ConflictError('INSUFFICIENT_STOCK', 'Not enough stock for some products', failure.short);
      // A price moved, the cart was edited meanwhile, or transactions collided: price again after a pause.
      logger.info('checkout lost a race; pricing again', { user, attempt, reasons: reasons.map((r) => r.Code) });
      throw error;
    }
  }
}

const emptyCart = () =>
  new ValidationError(
    'The cart is empty',
    [{ field: 'cart', message: 'add products before checking out' }],
    'EMPTY_CART',
  );

const cartTooLarge = (lines: number) =>
  new ValidationError(
    `One checkout takes at most ${MAX_CHECKOUT_LINES} products`,
    [{ field: 'cart', message: `the cart has ${lines} products; at most ${MAX_CHECKOUT_LINES} fit one order` }],
    'CART_TOO_LARGE',
  );
