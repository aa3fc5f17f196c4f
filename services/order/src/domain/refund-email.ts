import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';
import { composeEmail, formatMinorUnits } from './email-format';

/** An `OrderRefunded` detail, which always names its refund and amount. */
export type RefundedOrder = EventDetail & Required<Pick<EventDetail, 'refundId' | 'refundAmount'>>;

/** The email a customer gets once a refund succeeded: how much, and how much of the order is refunded so far. */
export function refundEmail(order: RefundedOrder, to: string): Email {
  const money = (amount: number) => formatMinorUnits(amount, order.currency);
  const refundedSoFar: Array<[string, string]> =
    order.refundedAmount === undefined
      ? []
      : [['Refunded so far', `${money(order.refundedAmount)} of ${money(order.amount)}`]];
  return composeEmail(to, `A refund for your E-Store order ${order.orderId}`, [
    { paragraph: `Hello ${order.user},` },
    {
      paragraph: `We have refunded ${money(order.refundAmount)} of order ${order.orderId} to your original payment method. Your bank may take a few days to show it.`,
    },
    { facts: [['Refund', order.refundId], ...refundedSoFar] },
  ]);
}
