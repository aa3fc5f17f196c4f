import { ConflictError } from '@estore/core/errors';
import { toOrder } from '@estore/core/order';
import { shipOrder } from '../../../src/handlers/ship-order';
import type { OrderOperations } from '../../../src/order-operations';
import { alice, call, ORDER_ID, staff, storedOrder } from '../fixtures';

describe('POST /orders/{orderId}/shipment', () => {
  const shipped = toOrder(storedOrder({ status: 'SHIPPED' }));
  let ship: jest.Mock<ReturnType<OrderOperations['ship']>, Parameters<OrderOperations['ship']>>;
  let route: ReturnType<typeof shipOrder>;

  beforeEach(() => {
    ship = jest.fn<ReturnType<OrderOperations['ship']>, Parameters<OrderOperations['ship']>>(async () => shipped);
    route = shipOrder({ operations: { ship } });
  });

  const post = (body: unknown, caller = staff) =>
    call(route, {
      method: 'POST',
      path: `/orders/${ORDER_ID}/shipment`,
      pathParameters: { orderId: ORDER_ID },
      body: JSON.stringify(body),
      caller,
    });

  it('ships the order as the staff member, and answers it', async () => {
    const body = { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.test/1Z999' };
    await expect(post(body)).resolves.toEqual({ status: 200, body: shipped });
    expect(ship).toHaveBeenCalledWith(ORDER_ID, 'sam', body);
  });

  it('takes a shipment without a tracking link', async () => {
    await expect(post({ carrier: 'UPS', trackingNumber: '1Z999' })).resolves.toMatchObject({ status: 200 });
    expect(ship).toHaveBeenCalledWith(ORDER_ID, 'sam', { carrier: 'UPS', trackingNumber: '1Z999' });
  });

  it.each([
    ['no carrier', { trackingNumber: '1Z999' }, 'carrier'],
    ['an empty tracking number', { carrier: 'UPS', trackingNumber: '' }, 'trackingNumber'],
    ['a carrier of 101 characters', { carrier: 'x'.repeat(101), trackingNumber: '1' }, 'carrier'],
    [
      'a tracking link over http',
      { carrier: 'UPS', trackingNumber: '1', trackingUrl: 'http://ups.test/1' },
      'trackingUrl',
    ],
    ['an unknown field', { carrier: 'UPS', trackingNumber: '1', weight: 3 }, 'weight'],
  ])('refuses %s with 400 naming the field, and ships nothing', async (_case, body, field) => {
    const result = await post(body);
    expect(result).toMatchObject({ status: 400, body: { error: { details: [expect.objectContaining({ field })] } } });
    expect(ship).not.toHaveBeenCalled();
  });

  it('answers the use case’s 409 INVALID_TRANSITION for an order that cannot ship', async () => {
    ship.mockRejectedValue(new ConflictError('INVALID_TRANSITION', 'A SHIPPED order cannot be moved by ship'));
    const result = await post({ carrier: 'UPS', trackingNumber: '1Z999' });
    expect(result).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
  });

  it('refuses a customer with 403', async () => {
    await expect(post({ carrier: 'UPS', trackingNumber: '1Z999' }, alice)).resolves.toMatchObject({ status: 403 });
    expect(ship).not.toHaveBeenCalled();
  });
});
