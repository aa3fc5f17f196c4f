import { ConflictError, NotFoundError } from '@estore/core/errors';
import {
  type Order,
  type OrderLifecycle,
  type OrderRepository,
  type OrderTrigger,
  type TriggerOptions,
  toOrder,
} from '@estore/core/order';

export interface MoveOrderDependencies {
  orders: Pick<OrderRepository, 'get'>;
  lifecycle: Pick<OrderLifecycle, 'trigger'>;
}

/**
 * A person's move of an order (ship, deliver, cancel), answered as the contract says: the order as
 * it is after the move, 404 when there is no such order, 409 INVALID_TRANSITION when the order is
 * in a state the move cannot leave (a repeat included: nothing changes twice).
 */
export async function moveOrder(
  { orders, lifecycle }: MoveOrderDependencies,
  orderId: string,
  trigger: OrderTrigger,
  options: TriggerOptions,
): Promise<Order> {
  const outcome = await lifecycle.trigger(orderId, trigger, options);
  // Read again: the order as this move (or the one that beat it) left it.
  const order = outcome === 'missing' ? undefined : await orders.get(orderId);
  if (!order) throw new NotFoundError('Order not found');
  if (outcome === 'ignored') {
    throw new ConflictError('INVALID_TRANSITION', `A ${order.status} order cannot be moved by ${trigger}`);
  }
  return toOrder(order);
}
