import { NotFoundError } from '@estore/core/errors';
import { toOrder } from '@estore/core/order';
import { getAnyOrder } from '../../../src/handlers/get-any-order';
import { alice, call, ORDER_ID, staff, storedOrder } from '../fixtures';

describe('GET /orders/{orderId}', () => {
  const find = jest.fn(async (orderId: string) => {
    if (orderId !== ORDER_ID) throw new NotFoundError('Order not found');
    return toOrder(storedOrder({ user: 'bob' }));
  });
  const route = getAnyOrder({ operations: { find } });
  const get = (orderId: string, caller = staff) =>
    call(route, { method: 'GET', path: `/orders/${orderId}`, pathParameters: { orderId }, caller });

  beforeEach(() => find.mockClear());

  it('answers any customer’s order to staff', async () => {
    await expect(get(ORDER_ID)).resolves.toEqual({ status: 200, body: toOrder(storedOrder({ user: 'bob' })) });
  });

  it('answers 404 for an unknown order', async () => {
    const unknown = 'o_ffffffffffffffffffffffffffffffff';
    await expect(get(unknown)).resolves.toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('refuses an id that is no order id with 400, and a customer with 403', async () => {
    await expect(get('cart')).resolves.toMatchObject({ status: 400 });
    await expect(get(ORDER_ID, alice)).resolves.toMatchObject({ status: 403 });
    expect(find).not.toHaveBeenCalled();
  });
});
