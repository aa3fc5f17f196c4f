import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';
import type { CancelReason } from '@estore/core/order';
import { composeEmail, formatMinorUnits, itemLines } from './email-format';

/**
 * Why, in the customer's words. The staff's own note is not repeated: it is written for the
 * order's history, not for the customer's inbox.
 */
const WHY: Record<CancelReason, (orderId: string) => string> = {
  customer: (orderId) => `Order ${orderId} is canceled, as you asked.`,
  staff: (orderId) => `We have canceled order ${orderId}.`,
  expired: (orderId) => `Order ${orderId} is canceled: it was not paid in time.`,
  provider: (orderId) => `Order ${orderId} is canceled: its payment did not go through.`,
};

const isCancelReason = (reason: string | undefined): reason is CancelReason =>
  reason !== undefined && Object.hasOwn(WHY, reason);

/** The email a customer gets once an order is canceled (`OrderCanceled`), with the refund it owes, if any. */
export function canceledEmail(order: EventDetail, to: string): Email {
  const why = isCancelReason(order.reason) ? WHY[order.reason](order.orderId) : `Order ${order.orderId} is canceled.`;
  const refund = order.refundAmount ?? 0;
  return composeEmail(to, `Your E-Store order ${order.orderId} is canceled`, [
    { paragraph: `Hello ${order.user},` },
    { paragraph: why },
    { list: itemLines(order) },
    // Nothing owed says nothing about money: the order may never have been paid, or been refunded in full already.
    ...(refund > 0
      ? [
          {
            paragraph: `We are refunding ${formatMinorUnits(refund, order.currency)} to your original payment method; we will email you once it is done.`,
          },
        ]
      : []),
  ]);
}
