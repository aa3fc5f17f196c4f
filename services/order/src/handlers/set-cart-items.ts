import { httpHandler, ok } from '@estore/core/http';
import { cartItemsSchema } from '@estore/core/order';
import { createCartService } from '../cart';
import { documentClient } from '../tables';

const cartService = createCartService(documentClient());

/** `POST /order/create`: sets each line's count (0 removes it). */
export const handler = httpHandler({ access: 'signed-in', body: cartItemsSchema }, async ({ body, principal }) =>
  ok(await cartService.setCounts(principal.username, body.items)),
);
