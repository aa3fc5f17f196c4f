import { httpHandler, ok } from '@estore/core/http';
import { orderListQuerySchema, toOrder } from '@estore/core/order';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { documentClient, orderRepository } from '../tables';

const orders = orderRepository(documentClient(), cursorCodecFromEnv);

/** `GET /order`: the caller's orders, newest first, optionally of one status. */
export const handler = httpHandler(
  { access: 'signed-in', query: orderListQuerySchema },
  async ({ query, principal }) => {
    const page = await orders.listForUser(principal.username, query);
    return ok({ items: page.items.map(toOrder), nextCursor: page.nextCursor });
  },
);
