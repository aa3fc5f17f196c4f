/**
 * Key layout of the orders table (see docs/data-model.md): carts and orders, each its own item,
 * and sparse indexes for the caller's history, the payment intent and the payment deadline.
 */
export const ORDER_SK = 'ORDER';
export const CART_SK = 'CART';

export const orderPk = (orderId: string): string => `ORDER#${orderId}`;
export const cartPk = (user: string): string => `CART#${user}`;
export const userPk = (user: string): string => `USER#${user}`;
export const userStatusPk = (user: string, status: string): string => `USER#${user}#${status}`;
/** Orders are listed newest first; the id breaks ties between orders of the same millisecond. */
export const userSk = (createdAt: string, orderId: string): string => `${createdAt}#${orderId}`;

/**
 * Orders awaiting payment are spread over a few partitions of the deadline index, so a burst of
 * checkouts does not write one hot partition; the expiry sweep queries each of them.
 */
export const DUE_SHARDS = 4;
export function duePk(orderId: string): string {
  let hash = 0;
  for (const char of orderId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `DUE#${hash % DUE_SHARDS}`;
}
export const allDuePks = (): string[] => Array.from({ length: DUE_SHARDS }, (_, shard) => `DUE#${shard}`);

export const ORDER_INDEXES = {
  byUser: { name: 'byUser', pk: 'userPk', sk: 'userSk' },
  byUserStatus: { name: 'byUserStatus', pk: 'userStatusPk', sk: 'userSk' },
  byIntent: { name: 'byIntent', pk: 'paymentIntentId' },
  byDueTime: { name: 'byDueTime', pk: 'duePk', sk: 'payBy' },
} as const;
