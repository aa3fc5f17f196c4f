import { created, httpHandler, ORDER_STAFF, validate } from '@estore/core/http';
import { type IdempotentCall, idempotencyKeySchema } from '@estore/core/idempotency';
import { orderIdPathSchema, type RefundBody, refundBodySchema } from '../schemas';
import type { StaffRefunds } from '../staff-refunds';
import { refundOrderDependencies } from '../wiring';

export interface RefundOrderDependencies {
  staffRefunds: Pick<StaffRefunds, 'refund'>;
  /** The same refund under an `Idempotency-Key` (Powertools' idempotency over the order service's table for it). */
  idempotentRefund: IdempotentCall<RefundBody>;
}

/** `POST /orders/{orderId}/refunds` (staff): gives part or all of a paid order's payment back. */
export function refundOrder({ staffRefunds, idempotentRefund }: RefundOrderDependencies) {
  return httpHandler(
    { access: ORDER_STAFF, path: orderIdPathSchema, body: refundBodySchema },
    async ({ path, body, headers, principal, lambdaContext }) => {
      const key = headers['idempotency-key'];
      if (key === undefined) {
        return created({ refund: await staffRefunds.refund(path.orderId, { ...body, by: principal.username }) });
      }
      // The refund's id is derived from the key, so even past the key's lifetime a retry cannot refund twice.
      const checkedKey = validate<string>(idempotencyKeySchema, key, 'Idempotency-Key');
      return idempotentRefund(
        { scope: path.orderId, key: checkedKey, request: body, caller: principal.username },
        lambdaContext,
      );
    },
  );
}

export const handler = refundOrder(refundOrderDependencies());
