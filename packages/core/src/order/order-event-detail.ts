import type { EventDetail } from '../events/envelope';
import type { OrderRecord } from './order';

/**
 * What every event about an order carries, whichever service publishes it: the order, its
 * customer and amount, when it happened, and the correlation id of the checkout that placed it.
 */
export function orderFacts(order: OrderRecord, eventId: string, occurredAt: string) {
  return {
    eventId,
    orderId: order.orderId,
    user: order.user,
    amount: order.amount,
    currency: order.currency,
    occurredAt,
    ...(order.correlationId ? { correlationId: order.correlationId } : {}),
  };
}

/** The detail of the event an order owes after reaching its current state. */
export function orderEventDetail(order: OrderRecord, eventId: string, occurredAt: string): EventDetail {
  return {
    ...orderFacts(order, eventId, occurredAt),
    items: order.items.map(({ productId, name, count, price }) => ({ productId, name, count, price })),
    location: order.location,
    ...(order.paymentIntentId ? { paymentIntentId: order.paymentIntentId } : {}),
  };
}
