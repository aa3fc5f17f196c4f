import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';

/** `1999` -> `19.99`, on integers only: money never passes through a float. */
export function formatMinorUnits(amount: number, currency: string): string {
  const digits = String(Math.abs(amount)).padStart(3, '0');
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)} ${currency.toUpperCase()}`;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email a customer gets once an order is paid: items, amount and where it goes. */
export function confirmationEmail(order: EventDetail, to: string): Email {
  const items = order.items ?? [];
  const lines = items.map((item) => `${item.count} x ${item.name} @ ${formatMinorUnits(item.price, order.currency)}`);
  const total = formatMinorUnits(order.amount, order.currency);
  const address = order.location ? `${order.location.address}, ${order.location.country}` : '';
  const text = [
    `Thank you for your order, ${order.user}.`,
    '',
    `Order ${order.orderId} is paid.`,
    '',
    ...lines,
    '',
    `Total: ${total}`,
    `Delivery to: ${address}`,
  ].join('\n');
  const html = [
    `<p>Thank you for your order, ${escapeHtml(order.user)}.</p>`,
    `<p>Order <strong>${escapeHtml(order.orderId)}</strong> is paid.</p>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p>Total: <strong>${escapeHtml(total)}</strong><br>Delivery to: ${escapeHtml(address)}</p>`,
  ].join('\n');
  return { to, subject: `Your E-Store order ${order.orderId} is confirmed`, text, html };
}
