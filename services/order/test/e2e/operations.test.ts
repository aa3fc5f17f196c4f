import type { Order, Refund } from '@estore/core/order';
import {
  eventually,
  newProduct,
  pay,
  postWebhook,
  Shopper,
  settleRefund,
  signedPaymentEvent,
  stockOf,
} from './support';

// Order staff run the store after the sale, through the gateway: list, ship, refund, deliver,
// cancel; customers cancel their own orders until they ship. Events cross the local bus.
jest.setTimeout(90_000);

let manager: Shopper;
let staff: Shopper;
beforeAll(async () => {
  [manager, staff] = await Promise.all([
    Shopper.create(['manage_product_group']),
    Shopper.create(['manage_order_group']),
  ]);
});

/** A customer's order of `count` of a new product (price 1250, stock 10), paid or not. */
async function anOrder(options: { count?: number; paid: boolean }) {
  const count = options.count ?? 2;
  const customer = await Shopper.create();
  const product = await newProduct(manager, 10);
  await customer.setCart([{ productId: product.id, count }]);
  const checkout = await customer.checkout();
  if (checkout.status !== 201) throw new Error(`checkout: ${checkout.status} ${JSON.stringify(checkout.body)}`);
  const { orderId } = checkout.body;
  if (options.paid) {
    expect((await pay(orderId)).status).toBe(200);
    await eventually(
      () => customer.order(orderId),
      (order) => order.status === 'PAID',
    );
  }
  return { customer, product, orderId, amount: 1250 * count };
}

const staffOrder = async (orderId: string) => (await staff.get<Order>(`/orders/${orderId}`)).body;

describe('order staff run the store', () => {
  it('list every order, ship one, refund part of it (settled by its webhook), and deliver it', async () => {
    const { customer, orderId, amount } = await anOrder({ paid: true });

    const listed = await staff.get<{ items: Order[]; nextCursor: string | null }>('/orders?status=paid&limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((order) => order.orderId)).toContain(orderId);
    const createdAt = listed.body.items.map((order) => order.createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
    const narrowed = await staff.get<{ items: Order[] }>(`/orders?user=${customer.user.username}`);
    expect(narrowed.body.items.map((order) => order.orderId)).toEqual([orderId]);
    expect((await customer.get('/orders')).status).toBe(403);

    const shipment = { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://ups.test/track/1Z' };
    const shipped = await staff.post<Order>(`/orders/${orderId}/shipment`, shipment);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'SHIPPED', shipment: { ...shipment, deliveredAt: null } });
    expect(shipped.body.history.at(-1)).toMatchObject({ status: 'SHIPPED', by: staff.user.username });
    const again = await staff.post(`/orders/${orderId}/shipment`, shipment);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });

    const key = { 'Idempotency-Key': `refund-${orderId}` };
    const refunded = await staff.post<{ refund: Refund }>(
      `/orders/${orderId}/refunds`,
      { amount: 500, reason: 'scratched' },
      key,
    );
    expect(refunded.status).toBe(201);
    expect(refunded.body.refund).toMatchObject({ amount: 500, status: 'PENDING', by: staff.user.username });
    const replayed = await staff.post<{ refund: Refund }>(
      `/orders/${orderId}/refunds`,
      { amount: 500, reason: 'scratched' },
      key,
    );
    expect(replayed).toMatchObject({ status: 201, body: { refund: { refundId: refunded.body.refund.refundId } } });
    const reused = await staff.post(`/orders/${orderId}/refunds`, { amount: 600, reason: 'scratched' }, key);
    expect(reused).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });
    const tooMuch = await staff.post(`/orders/${orderId}/refunds`, { amount: amount - 499, reason: 'all of it' });
    expect(tooMuch).toMatchObject({ status: 409, body: { error: { code: 'REFUND_EXCEEDS_PAYMENT' } } });

    expect((await settleRefund(orderId, refunded.body.refund.refundId, 'succeeded')).status).toBe(200);
    const settled = await eventually(
      () => staffOrder(orderId),
      (order) => order.refundedAmount === 500,
    );
    expect(settled.refunds).toEqual([expect.objectContaining({ amount: 500, status: 'SUCCEEDED' })]);
    expect(settled.status).toBe('SHIPPED');

    const delivered = await staff.post<Order>(`/orders/${orderId}/delivery`, undefined);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'DELIVERED', shipment: { deliveredAt: expect.any(String) } });
    expect((await customer.order(orderId)).status).toBe('DELIVERED');
  });

  it('cancel a paid order with a reason: stock back and the whole amount refunded', async () => {
    const { orderId, product, amount } = await anOrder({ paid: true });
    const canceled = await staff.post<Order>(`/orders/${orderId}/cancel`, { reason: 'address undeliverable' });
    expect(canceled.status).toBe(200);
    expect(canceled.body.history.at(-1)).toMatchObject({
      status: 'CANCELED',
      note: 'address undeliverable',
      by: staff.user.username,
    });
    expect(canceled.body.refunds).toEqual([expect.objectContaining({ amount, status: 'PENDING' })]);
    expect(await stockOf(product.id)).toBe(10);
  });
});

describe('customers cancel their own orders until they ship', () => {
  it('cancels a paid order: stock back and a PENDING refund of the whole amount', async () => {
    const { customer, orderId, product, amount } = await anOrder({ paid: true });
    expect(await stockOf(product.id)).toBe(8);

    const canceled = await customer.post<Order>(`/order/${orderId}/cancel`, undefined);

    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'CANCELED', refundedAmount: 0 });
    expect(canceled.body.refunds).toEqual([expect.objectContaining({ amount, status: 'PENDING' })]);
    expect(await stockOf(product.id)).toBe(10);
    const again = await customer.post(`/order/${orderId}/cancel`, undefined);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(await stockOf(product.id)).toBe(10);
  });

  it('cancels a pending order: stock back, nothing to refund', async () => {
    const { customer, orderId, product } = await anOrder({ paid: false });
    const canceled = await customer.post<Order>(`/order/${orderId}/cancel`, undefined);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'CANCELED', refunds: [] });
    expect(await stockOf(product.id)).toBe(10);
  });

  it('answers 404 for another customer’s order, and leaves it as it was', async () => {
    const { customer, orderId, product } = await anOrder({ paid: false });
    const stranger = await Shopper.create();
    const response = await stranger.post(`/order/${orderId}/cancel`, undefined);
    expect(response).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await customer.order(orderId)).status).toBe('PENDING_PAYMENT');
    expect(await stockOf(product.id)).toBe(8);
  });

  it('refunds a payment that arrives after the cancel, never reviving the order', async () => {
    const { customer, orderId, product, amount } = await anOrder({ paid: false });
    // Signed before the cancel: the payment was already on its way when the customer canceled.
    const late = await signedPaymentEvent(orderId, 'succeeded');
    expect((await customer.post(`/order/${orderId}/cancel`, undefined)).status).toBe(200);

    expect((await postWebhook(late.payload, late.signature)).status).toBe(200);

    const refunded = await eventually(
      () => customer.order(orderId),
      (order) => order.refunds.length > 0,
    );
    expect(refunded.status).toBe('CANCELED');
    expect(refunded.refunds).toEqual([expect.objectContaining({ amount, by: 'system' })]);
    expect(refunded.history.map((entry) => entry.status)).not.toContain('PAID');
    expect(await stockOf(product.id)).toBe(10);
  });
});
