import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';
import { composeEmail, httpsUrl, itemLines } from './email-format';

/** An `OrderShipped` detail, which always carries its shipment. */
export type ShippedOrder = EventDetail & Required<Pick<EventDetail, 'shipment'>>;

/** The email a customer gets once an order ships: the carrier, the tracking number, and a link to follow it. */
export function shippedEmail(order: ShippedOrder, to: string): Email {
  const { carrier, trackingNumber, trackingUrl } = order.shipment;
  const link = httpsUrl(trackingUrl);
  return composeEmail(to, `Your E-Store order ${order.orderId} has shipped`, [
    { paragraph: `Good news, ${order.user}: order ${order.orderId} is on its way.` },
    {
      facts: [
        ['Carrier', carrier],
        ['Tracking number', trackingNumber],
      ],
    },
    ...(link ? [{ link: { label: 'Track your parcel', url: link } }] : []),
    { list: itemLines(order) },
  ]);
}
