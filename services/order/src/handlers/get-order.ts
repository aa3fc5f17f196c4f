import { NotFoundError } from '@estore/core/errors';
import { httpHandler, ok } from '@estore/core/http';
import { ORDER_ID_PATTERN, type OrderRepository, orderRefPathSchema, toOrder } from '@estore/core/order';
import type { CartService } from '../cart-service';
import { getOrderDependencies } from '../wiring';

export interface GetOrderDependencies {
  orders: Pick<OrderRepository, 'get' | 'findByIntent'>;
  cartService: Pick<CartService, 'view'>;
}

/** `GET /order/{intent}`: the caller's cart, or one of the caller's orders by order id or payment intent id. */
export function getOrder({ orders, cartService }: GetOrderDependencies) {
  return httpHandler({ access: 'signed-in', path: orderRefPathSchema }, async ({ path, principal }) => {
    if (path.intent === 'cart') return ok(await cartService.view(principal.username));
    const order = ORDER_ID_PATTERN.test(path.intent)
      ? await orders.get(path.intent)
      : await orders.findByIntent(path.intent);
    // Someone else's order is as invisible as a missing one: a 404, never a 403 that confirms it exists.
    if (!order || order.user !== principal.username) throw new NotFoundError('Order not found');
    return ok(toOrder(order));
  });
}

export const handler = getOrder(getOrderDependencies());
