import { httpHandler, ok } from '@estore/core/http';
import { cartItemsSchema } from '@estore/core/order';
import type { CartService } from '../cart-service';
import { cartServiceDependencies } from '../wiring';

export interface SetCartItemsDependencies {
  cartService: Pick<CartService, 'setCounts'>;
}

/** `POST /order/create`: sets each line's count (0 removes it). */
export function setCartItems({ cartService }: SetCartItemsDependencies) {
  return httpHandler({ access: 'signed-in', body: cartItemsSchema }, async ({ body, principal }) =>
    ok(await cartService.setCounts(principal.username, body.items)),
  );
}

export const handler = setCartItems(cartServiceDependencies());
