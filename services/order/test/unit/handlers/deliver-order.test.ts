import { toOrder } from '@estore/core/order';
import { deliverOrder } from '../../../src/handlers/deliver-order';
import { admin, alice, call, ORDER_ID, storedOrder } from '../fixtures';

describe('POST /orders/{orderId}/delivery', () => {
  const delivered = toOrder(storedOrder({ status: 'DELIVERED' }));
  const deliver = jest.fn(async () => delivered);
  const route = deliverOrder({ operations: { deliver } });
  const post = (caller: { username: string; groups: string[] }) =>
    call(route, {
      method: 'POST',
      path: `/orders/${ORDER_ID}/delivery`,
      pathParameters: { orderId: ORDER_ID },
      caller,
    });

  beforeEach(() => deliver.mockClear());

  it('records the delivery as the admin who did it, and answers the order', async () => {
    await expect(post(admin)).resolves.toEqual({ status: 200, body: delivered });
    expect(deliver).toHaveBeenCalledWith(ORDER_ID, 'ada');
  });

  it('refuses a customer with 403', async () => {
    await expect(post(alice)).resolves.toMatchObject({ status: 403 });
    expect(deliver).not.toHaveBeenCalled();
  });
});
