import { httpHandler, ok } from '@estore/core/http';
import { cartItemsSchema } from '@estore/core/order';
import { createCartService } from '../cart';
import { documentClient } from '../tables';

const cartService = createCartService(documentClient());

/** `POST /order/cart`: merges the cart a browser kept before sign-in into the saved one. */
export const handler = httpHandler({ access: 'signed-in', body: cartItemsSchema }, async ({ body, principal }) =>
  ok(await cartService.merge(principal.username, body.items)),
);
