/**
 * Key layout of the orders table (see docs/data-model.md): carts and orders, each its own item,
 * each customer's unpaid-order set, and sparse indexes for the customer's history, the store's
 * history (staff), the payment intent and the sweep's due times.
 */
export const ORDER_SK = 'ORDER';
export const CART_SK = 'CART';
export const UNPAID_SK = 'UNPAID';

export const orderPk = (orderId: string): string => `ORDER#${orderId}`;
export const cartPk = (user: string): string => `CART#${user}`;
/** The item holding the ids of a customer's orders still waiting for payment (the cap's guard). */
export const unpaidPk = (user: string): string => `UNPAID#${user}`;
export const userPk = (user: string): string => `USER#${user}`;
export const userStatusPk = (user: string, status: string): string => `USER#${user}#${status}`;
/** Orders are listed newest first; the id breaks ties between orders of the same millisecond. */
export const userSk = (createdAt: string, orderId: string): string => `${createdAt}#${orderId}`;

/** A stable small hash of an order id, so an order always lands in the same shard. */
function shardOf(orderId: string, shards: number): number {
  let hash = 0;
  for (const char of orderId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % shards;
}

/**
 * Orders with work owed to them (a payment deadline, an event or a refund still to send) are
 * spread over a few partitions of the due index, so a burst of checkouts does not write one hot
 * partition; the sweep queries each of them.
 */
export const DUE_SHARDS = 4;
export const duePk = (orderId: string): string => `DUE#${shardOf(orderId, DUE_SHARDS)}`;
export const allDuePks = (): string[] => Array.from({ length: DUE_SHARDS }, (_, shard) => `DUE#${shard}`);

/**
 * The store's order history (staff's `GET /orders`) is spread over this many partitions, all of
 * them and by status: no partition takes every order's write (each index partition takes about
 * 1,000 writes a second, so 8 take about 8,000, far above thousands of orders a minute), and a
 * page merges the newest of each shard (docs/data-model.md).
 */
export const ORDER_SHARDS = 8;
export const shardPk = (orderId: string): string => `ORDERS#${shardOf(orderId, ORDER_SHARDS)}`;
export const statusShardPk = (status: string, orderId: string): string =>
  `ORDERS#${status}#${shardOf(orderId, ORDER_SHARDS)}`;
export const allShardPks = (status?: string): string[] =>
  Array.from({ length: ORDER_SHARDS }, (_, shard) => (status ? `ORDERS#${status}#${shard}` : `ORDERS#${shard}`));

export const ORDER_INDEXES = {
  byUser: { name: 'byUser', pk: 'userPk', sk: 'userSk' },
  byUserStatus: { name: 'byUserStatus', pk: 'userStatusPk', sk: 'userSk' },
  byShard: { name: 'byShard', pk: 'shardPk', sk: 'userSk' },
  byStatusShard: { name: 'byStatusShard', pk: 'statusShardPk', sk: 'userSk' },
  byIntent: { name: 'byIntent', pk: 'paymentIntentId' },
  byDue: { name: 'byDue', pk: 'duePk', sk: 'dueAt' },
} as const;
