import { createHash, randomBytes } from 'node:crypto';

/** Refunds one order may hold: keeps the order item far below DynamoDB's 400 KB. */
export const MAX_REFUNDS_PER_ORDER = 50;
export const MAX_REFUND_REASON_LENGTH = 200;

/**
 * A refund's id carries its order's (`rf_<order hex>_<8 hex>`), so a refund webhook or
 * `npm run pay -- <refundId>` finds the order with one GetItem. With a `source` (an
 * Idempotency-Key, `cancel`, a late payment's intent) the id is derived from it, so a retry of the
 * same decision can only ever write the same refund.
 */
export function refundIdFor(orderId: string, source?: string): string {
  const suffix = source
    ? createHash('sha256').update(orderId).update('\0').update(source).digest('hex').slice(0, 8)
    : randomBytes(4).toString('hex');
  return `rf_${orderId.replace(/^o_/, '')}_${suffix}`;
}

export const REFUND_ID_PATTERN = /^rf_([a-f0-9]{32})_([a-f0-9]{8})$/;

/** The order a refund id belongs to, or undefined when it is not one of ours. */
export function orderIdOfRefund(refundId: string): string | undefined {
  const match = REFUND_ID_PATTERN.exec(refundId);
  return match ? `o_${match[1]}` : undefined;
}
