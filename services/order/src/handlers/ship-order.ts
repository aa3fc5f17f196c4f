import { httpHandler, ORDER_STAFF, ok } from '@estore/core/http';
import type { OrderOperations } from '../order-operations';
import { orderIdPathSchema, shipmentBodySchema } from '../schemas';
import { orderOperationsDependencies } from '../wiring';

export interface ShipOrderDependencies {
  operations: Pick<OrderOperations, 'ship'>;
}

/** `POST /orders/{orderId}/shipment` (staff): a paid order leaves with its carrier's tracking. */
export function shipOrder({ operations }: ShipOrderDependencies) {
  return httpHandler(
    { access: ORDER_STAFF, path: orderIdPathSchema, body: shipmentBodySchema },
    async ({ path, body, principal }) => ok(await operations.ship(path.orderId, principal.username, body)),
  );
}

export const handler = shipOrder(orderOperationsDependencies());
