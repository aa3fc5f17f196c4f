import type { Category } from '../catalog/reference';

export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** `?status=` of `GET /order`, as the contract spells it, mapped to the stored statuses. */
export const STATUS_FILTERS = {
  pending: 'PENDING_PAYMENT',
  paid: 'PAID',
  failed: 'PAYMENT_FAILED',
  canceled: 'CANCELED',
} as const;
export type StatusFilter = keyof typeof STATUS_FILTERS | 'all';

/** Counts a cart line may hold; 0 removes the line. */
export const MAX_LINE_COUNT = 99;
/** Lines a cart may hold at all (the item must stay far below DynamoDB's 400 KB). */
export const MAX_CART_LINES = 200;
/**
 * Lines one checkout can reserve: a transaction holds at most 100 actions, and the order's Put
 * and the cart's Delete take two of them.
 */
export const MAX_CHECKOUT_LINES = 98;
export const MAX_ADDRESS_LENGTH = 200;

/** What a cart stores: product ids and counts only; prices are read on every view. */
export interface CartLine {
  productId: string;
  count: number;
}

export interface StoredCart {
  user: string;
  lines: CartLine[];
  /** Bumped by every write, so two concurrent edits never lose a line. */
  version: number;
  updatedAt: string;
}

export interface PricedLine {
  productId: string;
  name: string;
  category: Category;
  price: number;
  count: number;
  lineTotal: number;
}

/** A cart line as the API shows it: priced now, with the product's first image. */
export interface CartItem extends PricedLine {
  image: string | null;
}

export interface Cart {
  items: CartItem[];
  amount: number;
  currency: string;
  updatedAt: string | null;
}

export interface Location {
  address: string;
  country: string;
}

export interface HistoryEntry {
  status: OrderStatus;
  at: string;
  note: string;
}

/** An order as the API shows it (contract: `order`). */
export interface Order {
  orderId: string;
  user: string;
  status: OrderStatus;
  items: PricedLine[];
  amount: number;
  currency: string;
  location: Location;
  paymentIntentId: string | null;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

/** An order as stored: the API fields plus what the service needs to run its lifecycle. */
export interface OrderRecord extends Order {
  /** When an unpaid order is canceled; present only while the order can still be paid. */
  payBy?: string;
  /** Events whose publication is still owed (transactional outbox, see docs/events.md). */
  outbox: Record<string, OutboxEntry>;
  refundedAt?: string;
  confirmationSentAt?: string;
}

export interface OutboxEntry {
  detailType: 'OrderPaid' | 'OrderPaymentFailed' | 'OrderCanceled';
  detail: Record<string, unknown>;
  /** Epoch ms until which one delivery holds the right to publish it. */
  claimedUntil?: number;
}

export function toOrder(record: OrderRecord): Order {
  return {
    orderId: record.orderId,
    user: record.user,
    status: record.status,
    items: record.items,
    amount: record.amount,
    currency: record.currency,
    location: record.location,
    paymentIntentId: record.paymentIntentId ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    history: record.history,
  };
}
