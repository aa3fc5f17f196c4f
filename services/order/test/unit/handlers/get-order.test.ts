import type { OrderRecord } from '@estore/core/order';
import { toOrder } from '@estore/core/order';
import { getOrder } from '../../../src/handlers/get-order';
import { aCart, alice, call, ORDER_ID, storedOrder } from '../fixtures';

const INTENT_ID = 'pi_sim_0123456789abcdef0123456789abcdef';

describe('GET /order/{intent}', () => {
  let orders: Map<string, OrderRecord>;
  let view: jest.Mock;
  let route: ReturnType<typeof getOrder>;

  beforeEach(() => {
    orders = new Map([[ORDER_ID, storedOrder()]]);
    view = jest.fn(async () => aCart());
    route = getOrder({
      orders: {
        get: async (orderId) => orders.get(orderId),
        findByIntent: async (intent) => [...orders.values()].find((order) => order.paymentIntentId === intent),
      },
      cartService: { view },
    });
  });

  const get = (intent: string, caller = alice) =>
    call(route, { method: 'GET', path: `/order/${intent}`, pathParameters: { intent }, caller });

  it('answers the caller’s cart for `cart`', async () => {
    await expect(get('cart')).resolves.toEqual({ status: 200, body: aCart() });
    expect(view).toHaveBeenCalledWith('alice');
  });

  it('answers one of the caller’s orders by its order id', async () => {
    await expect(get(ORDER_ID)).resolves.toEqual({ status: 200, body: toOrder(storedOrder()) });
  });

  it('answers one of the caller’s orders by its payment intent id', async () => {
    await expect(get(INTENT_ID)).resolves.toEqual({ status: 200, body: toOrder(storedOrder()) });
  });

  it('answers 404 for someone else’s order, as for a missing one', async () => {
    const bob = { username: 'bob', groups: [] };
    await expect(get(ORDER_ID, bob)).resolves.toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    orders.clear();
    await expect(get(ORDER_ID)).resolves.toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('refuses an anonymous caller with 401', async () => {
    const result = await call(route, { method: 'GET', path: '/order/cart', pathParameters: { intent: 'cart' } });
    expect(result.status).toBe(401);
    expect(view).not.toHaveBeenCalled();
  });
});
