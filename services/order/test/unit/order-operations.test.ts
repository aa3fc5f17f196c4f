import { type OrderRecord, toOrder } from '@estore/core/order';
import { OrderOperations } from '../../src/order-operations';
import { fakeLifecycle } from './fake-lifecycle';
import { ORDER_ID, storedOrder } from './fixtures';

describe('OrderOperations', () => {
  let orders: Map<string, OrderRecord>;
  let lifecycle: ReturnType<typeof fakeLifecycle>;
  let operations: OrderOperations;

  beforeEach(() => {
    orders = new Map([[ORDER_ID, storedOrder({ status: 'PAID', user: 'bob' })]]);
    lifecycle = fakeLifecycle(orders);
    operations = new OrderOperations({ orders: { get: async (orderId) => orders.get(orderId) }, lifecycle });
  });

  it('finds any customer’s order, and answers 404 for an unknown one', async () => {
    await expect(operations.find(ORDER_ID)).resolves.toEqual(toOrder(storedOrder({ status: 'PAID', user: 'bob' })));
    await expect(operations.find('o_ffffffffffffffffffffffffffffffff')).rejects.toMatchObject({ status: 404 });
  });

  it('ships a paid order with its tracking, as the staff member, and answers the order as it is now', async () => {
    const shipped = await operations.ship(ORDER_ID, 'sam', { carrier: 'UPS', trackingNumber: '1Z999' });

    expect(lifecycle.trigger).toHaveBeenCalledWith(ORDER_ID, 'ship', {
      by: 'sam',
      shipment: { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: null },
    });
    expect(shipped).toMatchObject({
      status: 'SHIPPED',
      shipment: { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: null },
      history: expect.arrayContaining([expect.objectContaining({ status: 'SHIPPED', by: 'sam' })]),
    });
  });

  it('refuses a second shipment with 409 INVALID_TRANSITION, naming the state', async () => {
    await operations.ship(ORDER_ID, 'sam', { carrier: 'UPS', trackingNumber: '1Z999' });
    await expect(operations.ship(ORDER_ID, 'sam', { carrier: 'DHL', trackingNumber: '2' })).rejects.toMatchObject({
      status: 409,
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('SHIPPED'),
    });
    expect(orders.get(ORDER_ID)?.shipment?.carrier).toBe('UPS');
  });

  it('delivers a shipped order, and refuses to deliver one that has not shipped', async () => {
    await expect(operations.deliver(ORDER_ID, 'sam')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await operations.ship(ORDER_ID, 'sam', { carrier: 'UPS', trackingNumber: '1Z999' });
    await expect(operations.deliver(ORDER_ID, 'ada')).resolves.toMatchObject({ status: 'DELIVERED' });
  });

  it('answers 404 when the order does not exist', async () => {
    await expect(operations.deliver('o_ffffffffffffffffffffffffffffffff', 'sam')).rejects.toMatchObject({
      status: 404,
    });
  });
});
