import type { Location, OrderRecord, PricedLine } from '@estore/core/order';

/** Stripe's largest charge (USD 999,999.99); the store refuses bigger orders up front. */
export const MAX_ORDER_AMOUNT = 99_999_999;

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
  };
}
