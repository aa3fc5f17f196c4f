import { createHash, randomBytes } from 'node:crypto';
import type { Location, OrderRecord, PricedLine } from '@estore/core/order';

/** Stripe's largest charge (USD 999,999.99); the store refuses bigger orders up front. */
export const MAX_ORDER_AMOUNT = 99_999_999;

/** The order of a checkout without an `Idempotency-Key`: a new one every time. */
export const randomOrderId = (): string => `o_${randomBytes(16).toString('hex')}`;

/**
 * The order of a checkout under an `Idempotency-Key`: the same for the same customer and key, so
 * a retry after any failure finds the order the first attempt placed instead of placing another.
 * The customer is part of it (keys are only unique per customer), the NUL keeps `ab`+`c` apart
 * from `a`+`bc`; 128 bits of SHA-256, in the shape of every order id (ORDER_ID_PATTERN).
 */
export function orderIdForKey(user: string, key: string): string {
  return `o_${createHash('sha256').update(`${user}\0${key}`).digest('hex').slice(0, 32)}`;
}

/** A freshly placed order: awaiting payment until `payBy`, its history opened. */
export function newOrder(input: {
  orderId: string;
  user: string;
  items: PricedLine[];
  amount: number;
  currency: string;
  location: Location;
  now: Date;
  paymentWindowMinutes: number;
  correlationId?: string;
}): OrderRecord {
  const at = input.now.toISOString();
  const payBy = new Date(input.now.getTime() + input.paymentWindowMinutes * 60_000).toISOString();
  return {
    orderId: input.orderId,
    user: input.user,
    status: 'PENDING_PAYMENT',
    items: input.items,
    amount: input.amount,
    currency: input.currency,
    location: input.location,
    paymentIntentId: null,
    shipment: null,
    refunds: {},
    refundHeld: 0,
    revision: 0,
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'PENDING_PAYMENT', at, note: 'order placed', by: input.user }],
    payBy,
    // Due at its deadline: the sweep expires it then unless it is paid first.
    dueAt: payBy,
    outbox: {},
    emailsSent: {},
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
  };
}
