import { NotFoundError } from '@estore/core/errors';
import { toOrder } from '@estore/core/order';
import { cancelOwnOrder } from '../../../src/handlers/cancel-own-order';
import { alice, call, ORDER_ID, storedOrder } from '../fixtures';

describe('POST /order/{orderId}/cancel', () => {
  const canceled = toOrder(storedOrder({ status: 'CANCELED' }));
  const cancel = jest.fn(async () => canceled);
  const route = cancelOwnOrder({ cancellation: { cancel } });
  const post = (caller?: { username: string; groups: string[] }, orderId = ORDER_ID) =>
    call(route, { method: 'POST', path: `/order/${orderId}/cancel`, pathParameters: { orderId }, caller });

  beforeEach(() => cancel.mockClear());

  it('cancels the caller’s own order as its customer, and answers it', async () => {
    await expect(post(alice)).resolves.toEqual({ status: 200, body: canceled });
    expect(cancel).toHaveBeenCalledWith(ORDER_ID, { by: 'customer', username: 'alice' });
  });

  it('answers the use case’s 404 for an order that is not the caller’s', async () => {
    cancel.mockRejectedValueOnce(new NotFoundError('Order not found'));
    await expect(post({ username: 'bob', groups: [] })).resolves.toMatchObject({ status: 404 });
  });

  it('refuses an anonymous caller with 401 and an id that is no order id with 400', async () => {
    await expect(post(undefined)).resolves.toMatchObject({ status: 401 });
    await expect(post(alice, 'cart')).resolves.toMatchObject({ status: 400 });
    expect(cancel).not.toHaveBeenCalled();
  });
});
