import { type OrderRepository, toOrder } from '@estore/core/order';
import { listOrders } from '../../../src/handlers/list-orders';
import { alice, call, storedOrder } from '../fixtures';

describe('GET /order', () => {
  type ListForUser = OrderRepository['listForUser'];
  let listForUser: jest.Mock<ReturnType<ListForUser>, Parameters<ListForUser>>;
  let route: ReturnType<typeof listOrders>;

  beforeEach(() => {
    listForUser = jest.fn<ReturnType<ListForUser>, Parameters<ListForUser>>(async () => ({
      items: [storedOrder()],
      nextCursor: 'next-page',
    }));
    route = listOrders({ orders: { listForUser } });
  });

  it('answers the caller’s orders of the status asked for, and the next page’s cursor', async () => {
    const result = await call(route, { method: 'GET', path: '/order', query: { status: 'pending' }, caller: alice });

    expect(result).toEqual({ status: 200, body: { items: [toOrder(storedOrder())], nextCursor: 'next-page' } });
    expect(listForUser).toHaveBeenCalledWith('alice', expect.objectContaining({ status: 'pending', limit: 20 }));
  });

  it('refuses an anonymous caller with 401', async () => {
    const result = await call(route, { method: 'GET', path: '/order' });
    expect(result.status).toBe(401);
    expect(listForUser).not.toHaveBeenCalled();
  });
});
