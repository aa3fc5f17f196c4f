import type { Email } from '@estore/core/email';
import type { EventDetail, OrderEventName } from '@estore/core/events';
import { canceledEmail } from './canceled-email';
import { confirmationEmail } from './confirmation-email';
import { refundEmail } from './refund-email';
import { shippedEmail } from './shipped-email';

/** The order events that owe the customer an email. */
export const EMAILED_ORDER_EVENTS = [
  'OrderPaid',
  'OrderShipped',
  'OrderCanceled',
  'OrderRefunded',
] as const satisfies readonly OrderEventName[];
export type EmailedOrderEvent = (typeof EMAILED_ORDER_EVENTS)[number];

export const isEmailedOrderEvent = (name: string): name is EmailedOrderEvent =>
  (EMAILED_ORDER_EVENTS as readonly string[]).includes(name);

/**
 * The email an event owes: the fact it is sent once for (the key of `emailsSent` on the order),
 * and its content for the customer's address.
 */
export interface OwedEmail {
  fact: string;
  render: (to: string) => Email;
}

/** A detail without a field its event always carries was not published by the order service as it is. */
function missing(event: EmailedOrderEvent, field: keyof EventDetail): Error {
  return new Error(`Malformed event detail: ${event} without ${field}`);
}

/**
 * Which email an order event owes. One per order for its payment, shipment and cancel (each
 * happens once), one per refund for refunds (an order may have many).
 */
export function owedEmail(event: EmailedOrderEvent, order: EventDetail): OwedEmail {
  switch (event) {
    case 'OrderPaid':
      return { fact: 'confirmation', render: (to) => confirmationEmail(order, to) };
    case 'OrderShipped': {
      const { shipment } = order;
      if (!shipment) throw missing(event, 'shipment');
      return { fact: 'shipped', render: (to) => shippedEmail({ ...order, shipment }, to) };
    }
    case 'OrderCanceled':
      return { fact: 'canceled', render: (to) => canceledEmail(order, to) };
    case 'OrderRefunded': {
      const { refundId, refundAmount } = order;
      if (!refundId) throw missing(event, 'refundId');
      if (refundAmount === undefined) throw missing(event, 'refundAmount');
      return { fact: `refund:${refundId}`, render: (to) => refundEmail({ ...order, refundId, refundAmount }, to) };
    }
  }
}
