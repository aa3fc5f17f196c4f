import { httpHandler, ORDER_STAFF, ok } from '@estore/core/http';
import { type OrderListing, staffOrderListQuerySchema, toOrder } from '@estore/core/order';
import { listAllOrdersDependencies } from '../wiring';

export interface ListAllOrdersDependencies {
  listing: Pick<OrderListing, 'listAll'>;
}

/** `GET /orders` (staff): every customer's orders, newest first, of one status or customer if asked. */
export function listAllOrders({ listing }: ListAllOrdersDependencies) {
  return httpHandler({ access: ORDER_STAFF, query: staffOrderListQuerySchema }, async ({ query }) => {
    const page = await listing.listAll(query);
    return ok({ items: page.items.map(toOrder), nextCursor: page.nextCursor });
  });
}

export const handler = listAllOrders(listAllOrdersDependencies());
