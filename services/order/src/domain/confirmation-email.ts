import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';
import { composeEmail, formatMinorUnits, itemLines } from './email-format';

/** The email a customer gets once an order is paid (`OrderPaid`): items, amount and where it goes. */
export function confirmationEmail(order: EventDetail, to: string): Email {
  const address = order.location ? `${order.location.address}, ${order.location.country}` : '';
  return composeEmail(to, `Your E-Store order ${order.orderId} is confirmed`, [
    { paragraph: `Thank you for your order, ${order.user}.` },
    { paragraph: `Order ${order.orderId} is paid.` },
    { list: itemLines(order) },
    {
      facts: [
        ['Total', formatMinorUnits(order.amount, order.currency)],
        ['Delivery to', address],
      ],
    },
  ]);
}
