import { httpHandler, ORDER_STAFF, ok } from '@estore/core/http';
import type { OrderOperations } from '../order-operations';
import { orderIdPathSchema } from '../schemas';
import { getAnyOrderDependencies } from '../wiring';

export interface GetAnyOrderDependencies {
  operations: Pick<OrderOperations, 'find'>;
}

/** `GET /orders/{orderId}` (staff): any customer's order. */
export function getAnyOrder({ operations }: GetAnyOrderDependencies) {
  return httpHandler({ access: ORDER_STAFF, path: orderIdPathSchema }, async ({ path }) =>
    ok(await operations.find(path.orderId)),
  );
}

export const handler = getAnyOrder(getAnyOrderDependencies());
