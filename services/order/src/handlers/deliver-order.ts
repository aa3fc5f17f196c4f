import { httpHandler, ORDER_STAFF, ok } from '@estore/core/http';
import type { OrderOperations } from '../order-operations';
import { orderIdPathSchema } from '../schemas';
import { orderOperationsDependencies } from '../wiring';

export interface DeliverOrderDependencies {
  operations: Pick<OrderOperations, 'deliver'>;
}

/** `POST /orders/{orderId}/delivery` (staff): a shipped order reached its customer. */
export function deliverOrder({ operations }: DeliverOrderDependencies) {
  return httpHandler({ access: ORDER_STAFF, path: orderIdPathSchema }, async ({ path, principal }) =>
    ok(await operations.deliver(path.orderId, principal.username)),
  );
}

export const handler = deliverOrder(orderOperationsDependencies());
