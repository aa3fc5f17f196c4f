import { type OrderListing, toOrder } from '@estore/core/order';
import { listOrders } from '../../../src/handlers/list-orders';
import { alice, call, storedOrder } from '../fixtures';

describe('GET /order', () => {
  type ListForUser = OrderListing['listForUser'];
  let listForUser: jest.Mock<ReturnType<ListForUser>, Parameters<ListForUser>>;
  let route: ReturnType<typeof listOrders>;

  beforeEach(() => {
    listForUser = jest.fn<ReturnType<ListForUser>, Parameters<ListForUser>>(async () => ({
      items: [storedOrder()],
      nextCursor: 'next-page',
    }));
    route = listOrders({ listing: { listForUser } });
  });

  it('answers the caller’s orders of the status asked for, and the next page’s cursor', async () => {
    const result = await call(route, { method: 'GET', path: '/order', query: { status: 'pending' }, caller: alice });

    expect(result).toEqual({ status: 200, body: { items: [toOrder(storedOrder())], nextCursor: 'next-page' } });
    expect(listForUser).toHaveBeenCalledWith('alice', expect.objectContaining({ status: 'pending', limit: 20 }));
  });

  it.each(['shipped', 'delivered'])('accepts the status filter %s', async (status) => {
    const result = await call(route, { method: 'GET', path: '/order', query: { status }, caller: alice });
    expect(result.status).toBe(200);
    expect(listForUser).toHaveBeenCalledWith('alice', expect.objectContaining({ status }));
  });

  it('refuses an unknown status filter with 400', async () => {
    const result = await call(route, { method: 'GET', path: '/order', query: { status: 'lost' }, caller: alice });
    expect(result).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(listForUser).not.toHaveBeenCalled();
  });

  it('refuses an anonymous caller with 401', async () => {
    const result = await call(route, { method: 'GET', path: '/order' });
    expect(result.status).toBe(401);
    expect(listForUser).not.toHaveBeenCalled();
  });
});
