import { httpHandler, ORDER_STAFF, ok } from '@estore/core/http';
import type { OrderCancellation } from '../order-cancellation';
import { orderIdPathSchema, staffCancelBodySchema } from '../schemas';
import { orderCancellationDependencies } from '../wiring';

export interface CancelOrderDependencies {
  cancellation: Pick<OrderCancellation, 'cancel'>;
}

/** `POST /orders/{orderId}/cancel` (staff): any order until it ships, with the reason the customer is told. */
export function cancelOrder({ cancellation }: CancelOrderDependencies) {
  return httpHandler(
    { access: ORDER_STAFF, path: orderIdPathSchema, body: staffCancelBodySchema },
    async ({ path, body, principal }) =>
      ok(await cancellation.cancel(path.orderId, { by: 'staff', username: principal.username, reason: body.reason })),
  );
}

export const handler = cancelOrder(orderCancellationDependencies());
