import { httpHandler, ok } from '@estore/core/http';
import type { OrderCancellation } from '../order-cancellation';
import { orderIdPathSchema } from '../schemas';
import { orderCancellationDependencies } from '../wiring';

export interface CancelOwnOrderDependencies {
  cancellation: Pick<OrderCancellation, 'cancel'>;
}

/** `POST /order/{orderId}/cancel`: the customer's own order, until it ships (someone else's is a 404). */
export function cancelOwnOrder({ cancellation }: CancelOwnOrderDependencies) {
  return httpHandler({ access: 'signed-in', path: orderIdPathSchema }, async ({ path, principal }) =>
    ok(await cancellation.cancel(path.orderId, { by: 'customer', username: principal.username })),
  );
}

export const handler = cancelOwnOrder(orderCancellationDependencies());
