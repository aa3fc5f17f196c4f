import { httpHandler, ok } from '@estore/core/http';
import { type OrderListing, orderListQuerySchema, toOrder } from '@estore/core/order';
import { listOrdersDependencies } from '../wiring';

export interface ListOrdersDependencies {
  listing: Pick<OrderListing, 'listForUser'>;
}

/** `GET /order`: the caller's orders, newest first, optionally of one status. */
export function listOrders({ listing }: ListOrdersDependencies) {
  return httpHandler({ access: 'signed-in', query: orderListQuerySchema }, async ({ query, principal }) => {
    const page = await listing.listForUser(principal.username, query);
    return ok({ items: page.items.map(toOrder), nextCursor: page.nextCursor });
  });
}

export const handler = listOrders(listOrdersDependencies());
