import { type OrderListing, toOrder } from '@estore/core/order';
import { listAllOrders } from '../../../src/handlers/list-all-orders';
import { admin, alice, call, productManager, staff, storedOrder } from '../fixtures';

describe('GET /orders', () => {
  type ListAll = OrderListing['listAll'];
  let listAll: jest.Mock<ReturnType<ListAll>, Parameters<ListAll>>;
  let route: ReturnType<typeof listAllOrders>;

  beforeEach(() => {
    listAll = jest.fn<ReturnType<ListAll>, Parameters<ListAll>>(async () => ({
      items: [storedOrder(), storedOrder({ user: 'bob' })],
      nextCursor: 'next-page',
    }));
    route = listAllOrders({ listing: { listAll } });
  });

  const list = (query: Record<string, string>, caller: { username: string; groups: string[] } | null = staff) =>
    call(route, { method: 'GET', path: '/orders', query, caller });

  it('answers every customer’s orders, and the next page’s cursor', async () => {
    const result = await list({});
    expect(result).toEqual({
      status: 200,
      body: { items: [toOrder(storedOrder()), toOrder(storedOrder({ user: 'bob' }))], nextCursor: 'next-page' },
    });
    expect(listAll).toHaveBeenCalledWith({ status: 'all', limit: 20 });
  });

  it('narrows to one status and one customer, with the page size and cursor asked for', async () => {
    await list({ status: 'shipped', user: 'Bob', limit: '5', cursor: 'abc' });
    expect(listAll).toHaveBeenCalledWith({ status: 'shipped', user: 'bob', limit: 5, cursor: 'abc' });
  });

  it('lets an admin list too', async () => {
    await expect(list({}, admin)).resolves.toMatchObject({ status: 200 });
  });

  it.each([
    ['an unknown status', { status: 'lost' }],
    ['a user that is no username', { user: 'a b' }],
    ['a limit past 100', { limit: '101' }],
  ])('refuses %s with 400', async (_case, query) => {
    await expect(list(query)).resolves.toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(listAll).not.toHaveBeenCalled();
  });

  it('refuses a customer and a product manager with 403, and an anonymous caller with 401', async () => {
    await expect(list({}, alice)).resolves.toMatchObject({ status: 403 });
    await expect(list({}, productManager)).resolves.toMatchObject({ status: 403 });
    await expect(list({}, null)).resolves.toMatchObject({ status: 401 });
    expect(listAll).not.toHaveBeenCalled();
  });
});
