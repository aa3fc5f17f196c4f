import type { Category } from '../catalog/reference';
import type { OrderEventName as EventOrderName } from '../events/envelope';

export const ORDER_STATUSES = [
  'PENDING_PAYMENT',
  'PAID',
  'PAYMENT_FAILED',
  'CANCELED',
  'SHIPPED',
  'DELIVERED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** The states in which an order still waits for its payment (and counts towards the customer's cap). */
export const UNPAID_STATUSES: ReadonlySet<OrderStatus> = new Set(['PENDING_PAYMENT', 'PAYMENT_FAILED']);
/** Who acted on an order when no person did: the provider's webhook, the sweep, the checkout's own compensation. */
export const SYSTEM_ACTOR = 'system';

/** `?status=` of `GET /order`, as the contract spells it, mapped to the stored statuses. */
export const STATUS_FILTERS = {
  pending: 'PENDING_PAYMENT',
  paid: 'PAID',
  failed: 'PAYMENT_FAILED',
  canceled: 'CANCELED',
  shipped: 'SHIPPED',
  delivered: 'DELIVERED',
} as const;
export type StatusFilter = keyof typeof STATUS_FILTERS | 'all';

/** Counts a cart line may hold; 0 removes the line. */
export const MAX_LINE_COUNT = 99;
/** Lines a cart may hold at all (the item must stay far below DynamoDB's 400 KB). */
export const MAX_CART_LINES = 200;
/**
 * Lines one checkout can reserve: a transaction holds at most 100 actions, and the order's Put,
 * the customer's unpaid slot and the cart's Delete take three of them.
 */
export const MAX_CHECKOUT_LINES = 97;
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
  /** The username who acted, or `system`. */
  by: string;
}

export interface Shipment {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  shippedAt: string;
  deliveredAt: string | null;
}

export const REFUND_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A refund as the API shows it (contract: `refunds[]`). */
export interface Refund {
  refundId: string;
  amount: number;
  reason: string;
  status: RefundStatus;
  by: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A refund as stored on its order: append-only (an entry is written once, its amount never
 * changes, its status moves once from PENDING), plus what sending it takes.
 */
export interface RefundRecord extends Refund {
  /** The payment it gives money back from. */
  paymentIntentId: string;
  /** The provider's id, once the provider accepted the request; absent while the refund is still owed. */
  providerRefundId?: string;
  /** Failed attempts to send it so far (the sweep backs off by them). */
  sendAttempts?: number;
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
  shipment: Shipment | null;
  refunds: Refund[];
  /** The sum of the SUCCEEDED refunds, derived on every read. */
  refundedAmount: number;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

/** An order as stored: the API fields plus what the service needs to run its lifecycle. */
export interface OrderRecord extends Omit<Order, 'refunds' | 'refundedAmount'> {
  /** When an unpaid order is canceled by the sweep. */
  payBy?: string;
  /**
   * When the sweep must look at the order next (its deadline, an event or a refund still owed, a
   * payment to check with the provider); absent when nothing is owed. Indexed (byDue).
   */
  dueAt?: string;
  /** How often the sweep looked without settling the order; its backoff grows with it. */
  dueAttempts?: number;
  /** The correlation id of the checkout that placed it: every later event and log line about the order carries it. */
  correlationId?: string;
  /** Bumped by every write that changes what the order owes, so a stale reader's reschedule fails. */
  revision: number;
  /** When the payment succeeded (also for a payment that came after a cancel): refunds need it. */
  paidAt?: string;
  /** Refunds by id (append-only, see RefundRecord). */
  refunds: Record<string, RefundRecord>;
  /**
   * The amount held by refunds that have not FAILED: the conditional write that adds a refund
   * keeps it within the amount paid, and a FAILED refund gives its amount back once.
   */
  refundHeld: number;
  /** Events whose publication is still owed (transactional outbox, see docs/events.md). */
  outbox: Record<string, OutboxEntry>;
  /** The emails sent about this order, by fact (`confirmation`, `shipped:...`), each once. */
  emailsSent?: Record<string, string>;
  /** @deprecated the confirmation email's old marker; read for orders written before `emailsSent`. */
  confirmationSentAt?: string;
}

/** The events an order's outbox may owe (OrderPlaced is the checkout's own). */
export type OutboxEventName = Exclude<EventOrderName, 'OrderPlaced'>;

export interface OutboxEntry {
  detailType: OutboxEventName;
  detail: Record<string, unknown>;
  /** Epoch ms until which one delivery holds the right to publish it. */
  claimedUntil?: number;
}

/** A refund as the API shows it: without what sending it takes. */
export const refundView = ({ refundId, amount, reason, status, by, createdAt, updatedAt }: RefundRecord): Refund => ({
  refundId,
  amount,
  reason,
  status,
  by,
  createdAt,
  updatedAt,
});

/** The refunds of an order, oldest first. */
export function refundsOf(record: Pick<OrderRecord, 'refunds'>): RefundRecord[] {
  return Object.values(record.refunds ?? {}).sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.refundId.localeCompare(b.refundId),
  );
}

/** The money the customer got back: SUCCEEDED refunds only, summed from the refunds themselves. */
export function refundedAmount(record: Pick<OrderRecord, 'refunds'>): number {
  return refundsOf(record)
    .filter((refund) => refund.status === 'SUCCEEDED')
    .reduce((sum, refund) => sum + refund.amount, 0);
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
    shipment: record.shipment ?? null,
    refunds: refundsOf(record).map(refundView),
    refundedAmount: refundedAmount(record),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    history: record.history.map((entry) => ({ ...entry, by: entry.by ?? SYSTEM_ACTOR })),
  };
}
