import { toOrder } from '@estore/core/order';
import { cancelOrder } from '../../../src/handlers/cancel-order';
import { alice, call, ORDER_ID, staff, storedOrder } from '../fixtures';

describe('POST /orders/{orderId}/cancel', () => {
  const canceled = toOrder(storedOrder({ status: 'CANCELED' }));
  const cancel = jest.fn(async () => canceled);
  const route = cancelOrder({ cancellation: { cancel } });
  const post = (body: unknown, caller = staff) =>
    call(route, {
      method: 'POST',
      path: `/orders/${ORDER_ID}/cancel`,
      pathParameters: { orderId: ORDER_ID },
      body: JSON.stringify(body),
      caller,
    });

  beforeEach(() => cancel.mockClear());

  it('cancels any order as staff with the reason given, and answers it', async () => {
    await expect(post({ reason: 'out of stock at the warehouse' })).resolves.toEqual({ status: 200, body: canceled });
    expect(cancel).toHaveBeenCalledWith(ORDER_ID, {
      by: 'staff',
      username: 'sam',
      reason: 'out of stock at the warehouse',
    });
  });

  it.each([
    ['no reason', {}],
    ['an empty reason', { reason: '' }],
    ['a reason of 201 characters', { reason: 'x'.repeat(201) }],
  ])('refuses %s with 400, and cancels nothing', async (_case, body) => {
    await expect(post(body)).resolves.toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(cancel).not.toHaveBeenCalled();
  });

  it('refuses a customer with 403 (customers cancel through /order/{orderId}/cancel)', async () => {
    await expect(post({ reason: 'changed my mind' }, alice)).resolves.toMatchObject({ status: 403 });
    expect(cancel).not.toHaveBeenCalled();
  });
});
