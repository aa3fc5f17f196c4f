import { type OrderRecord, UNPAID_STATUSES } from './order';

/**
 * When the sweep must look at an order next: pure rules over the order as stored. An order is in
 * the due index exactly while something is owed to it; writes that make something owed put it
 * there at once (`dueAt` a grace period ahead, since the writer itself goes on to do the work),
 * and after each attempt the order is rescheduled from these rules, or leaves the index.
 */

/** How long the sweep leaves owed work to the invocation that created it before taking over. */
export const OWED_GRACE_MS = 60_000;
/** A sent refund the provider has not settled is asked about after this long (its webhook may be lost). */
export const REFUND_CHECK_MS = 60 * 60_000;

/**
 * The delay before retry `attempt` (1, 2, ...): exponential from `baseMs`, capped, with half of it
 * jittered, so orders that failed together (the provider was down) do not come back together.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 60_000,
  capMs = 60 * 60_000,
) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const later = (now: Date, ms: number): string => new Date(now.getTime() + ms).toISOString();

/** The earliest time anything is owed to the order, or undefined when nothing is. */
export function nextDueAt(order: OrderRecord, now: Date, random: () => number = Math.random): string | undefined {
  const candidates: string[] = [];
  if (Object.keys(order.outbox).length > 0) candidates.push(later(now, OWED_GRACE_MS));
  for (const refund of Object.values(order.refunds)) {
    if (refund.status !== 'PENDING') continue;
    if (!refund.providerRefundId) candidates.push(later(now, retryDelayMs((refund.sendAttempts ?? 0) + 1, random)));
    else {
      const check = new Date(new Date(refund.updatedAt).getTime() + REFUND_CHECK_MS);
      candidates.push((check > now ? check : new Date(now.getTime() + REFUND_CHECK_MS)).toISOString());
    }
  }
  if (UNPAID_STATUSES.has(order.status) && order.payBy) {
    // Past its deadline and rescheduled by the sweep (a payment in flight): the sweep's time, else the deadline.
    candidates.push(
      (order.dueAttempts ?? 0) > 0 && order.dueAt && order.dueAt > order.payBy ? order.dueAt : order.payBy,
    );
  }
  return candidates.sort()[0];
}
