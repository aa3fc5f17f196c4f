import type { OrderRecord } from '@estore/core/order';
import { type CancelOutcome, PaymentProviderError } from '@estore/core/payments';
import { OrderCancellation } from '../../src/order-cancellation';
import { fakeLifecycle } from './fake-lifecycle';
import { ORDER_ID, storedOrder } from './fixtures';

describe('OrderCancellation', () => {
  let orders: Map<string, OrderRecord>;
  let lifecycle: ReturnType<typeof fakeLifecycle>;
  let cancelIntent: jest.Mock<Promise<CancelOutcome>, [string]>;
  let cancellation: OrderCancellation;

  beforeEach(() => {
    orders = new Map([[ORDER_ID, storedOrder()]]);
    lifecycle = fakeLifecycle(orders);
    cancelIntent = jest.fn<Promise<CancelOutcome>, [string]>(async () => 'canceled');
    cancellation = new OrderCancellation({
      orders: { get: async (orderId) => orders.get(orderId) },
      lifecycle,
      provider: async () => ({ cancelIntent }),
    });
  });

  it('cancels an unpaid order’s payment intent with the provider first, then the order as its customer', async () => {
    const canceled = await cancellation.cancel(ORDER_ID, { by: 'customer', username: 'alice' });

    expect(cancelIntent).toHaveBeenCalledWith('pi_sim_0123456789abcdef0123456789abcdef');
    expect(lifecycle.trigger).toHaveBeenCalledWith(ORDER_ID, 'customer-cancel', { by: 'alice' });
    expect(cancelIntent.mock.invocationCallOrder[0]).toBeLessThan(lifecycle.trigger.mock.invocationCallOrder[0] ?? 0);
    expect(canceled.status).toBe('CANCELED');
  });

  it.each<[string, () => Promise<CancelOutcome>]>([
    ['the provider is down', async () => Promise.reject(new PaymentProviderError('timeout'))],
    ['the payment is already on its way', async () => 'not-cancelable'],
  ])('cancels the order all the same when %s (a payment that still arrives is refunded)', async (_case, outcome) => {
    cancelIntent.mockImplementation(outcome);
    await expect(cancellation.cancel(ORDER_ID, { by: 'customer', username: 'alice' })).resolves.toMatchObject({
      status: 'CANCELED',
    });
  });

  it('cancels a paid order without asking the provider to cancel a payment that succeeded (the lifecycle refunds it)', async () => {
    orders.set(ORDER_ID, storedOrder({ status: 'PAID' }));
    await expect(cancellation.cancel(ORDER_ID, { by: 'customer', username: 'alice' })).resolves.toMatchObject({
      status: 'CANCELED',
    });
    expect(cancelIntent).not.toHaveBeenCalled();
  });

  it('cancels any customer’s order for staff, with the reason as the history’s note', async () => {
    const canceled = await cancellation.cancel(ORDER_ID, { by: 'staff', username: 'sam', reason: 'fraud suspected' });

    expect(lifecycle.trigger).toHaveBeenCalledWith(ORDER_ID, 'staff-cancel', { by: 'sam', note: 'fraud suspected' });
    expect(canceled.history.at(-1)).toMatchObject({ status: 'CANCELED', note: 'fraud suspected', by: 'sam' });
  });

  it('answers 404 for another customer’s order, as for a missing one, touching neither the order nor its payment', async () => {
    await expect(cancellation.cancel(ORDER_ID, { by: 'customer', username: 'bob' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      cancellation.cancel('o_ffffffffffffffffffffffffffffffff', { by: 'customer', username: 'alice' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(cancelIntent).not.toHaveBeenCalled();
    expect(lifecycle.trigger).not.toHaveBeenCalled();
  });

  it.each(['SHIPPED', 'DELIVERED', 'CANCELED'] as const)(
    'refuses to cancel a %s order with 409 INVALID_TRANSITION',
    async (status) => {
      orders.set(ORDER_ID, storedOrder({ status }));
      await expect(cancellation.cancel(ORDER_ID, { by: 'customer', username: 'alice' })).rejects.toMatchObject({
        status: 409,
        code: 'INVALID_TRANSITION',
      });
      expect(orders.get(ORDER_ID)?.status).toBe(status);
      expect(cancelIntent).not.toHaveBeenCalled();
    },
  );
});
