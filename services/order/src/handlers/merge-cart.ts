import { httpHandler, ok } from '@estore/core/http';
import { cartItemsSchema } from '@estore/core/order';
import type { CartService } from '../cart-service';
import { cartServiceDependencies } from '../wiring';

export interface MergeCartDependencies {
  cartService: Pick<CartService, 'merge'>;
}

/** `POST /order/cart`: merges the cart a browser kept before sign-in into the saved one. */
export function mergeCart({ cartService }: MergeCartDependencies) {
  return httpHandler({ access: 'signed-in', body: cartItemsSchema }, async ({ body, principal }) =>
    ok(await cartService.merge(principal.username, body.items)),
  );
}

export const handler = mergeCart(cartServiceDependencies());
