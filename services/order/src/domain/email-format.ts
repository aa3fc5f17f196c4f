import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';

/** `1999` -> `19.99 USD`, on integers only: money never passes through a float. */
export function formatMinorUnits(amount: number, currency: string): string {
  const digits = String(Math.abs(amount)).padStart(3, '0');
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)} ${currency.toUpperCase()}`;
}

/** The order's lines as an email lists them: `2 x Mug @ 9.99 USD`. */
export function itemLines(order: Pick<EventDetail, 'items' | 'currency'>): string[] {
  return (order.items ?? []).map(
    (item) => `${item.count} x ${item.name} @ ${formatMinorUnits(item.price, order.currency)}`,
  );
}

/**
 * The URL if it is https, else nothing: a link staff typed goes into the customer's inbox, so
 * `javascript:`, `http:` or a malformed one is never made clickable.
 */
export function httpsUrl(url: string | null | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** One part of an email, written once and rendered both as plain text and as HTML. */
export type EmailBlock =
  | { paragraph: string }
  | { list: string[] }
  /** `Label: value` lines, the value emphasised in HTML. */
  | { facts: Array<[label: string, value: string]> }
  | { link: { label: string; url: string } };

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function asText(block: EmailBlock): string {
  if ('paragraph' in block) return block.paragraph;
  if ('list' in block) return block.list.join('\n');
  if ('facts' in block) return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
  return `${block.link.label}: ${block.link.url}`;
}

function asHtml(block: EmailBlock): string {
  if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph)}</p>`;
  if ('list' in block) return `<ul>${block.list.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  if ('facts' in block) {
    const lines = block.facts.map(([label, value]) => `${escapeHtml(label)}: <strong>${escapeHtml(value)}</strong>`);
    return `<p>${lines.join('<br>')}</p>`;
  }
  return `<p><a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.label)}</a></p>`;
}

/** An email from its blocks: every value escaped in the HTML, empty lists left out. */
export function composeEmail(to: string, subject: string, blocks: EmailBlock[]): Email {
  const shown = blocks.filter((block) => !('list' in block) || block.list.length > 0);
  return { to, subject, text: shown.map(asText).join('\n\n'), html: shown.map(asHtml).join('\n') };
}
