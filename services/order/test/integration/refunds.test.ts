import { randomBytes } from 'node:crypto';
import { createDynamoDbDocumentClient, transactWrite } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { AppError } from '@estore/core/errors';
import { type OrderRecord, OrderRefunds, OrderRepository, type Refund } from '@estore/core/order';
import type { PaymentProvider, RefundRequest } from '@estore/core/payments';
import { uniqueName } from '@estore/testkit';

// The refunds ledger on DynamoDB Local, with the real repository and a provider that keeps its
// refunds as Stripe does (one per idempotency key): what holds when requests race.
jest.setTimeout(30_000);

const orders = new OrderRepository(createDynamoDbDocumentClient(), requireEnv('ORDERS_TABLE'));

class KeyedProvider implements Pick<PaymentProvider, 'createRefund' | 'findIntentForOrder'> {
  readonly refunds = new Map<string, RefundRequest>();
  async createRefund(request: RefundRequest) {
    this.refunds.set(request.refundId, request);
    return { id: `re_sim_${request.refundId}`, status: 'pending' as const };
  }
  async findIntentForOrder() {
    return undefined;
  }
}

/** A paid order of `amount`, stored as the payment left it. */
async function paidOrder(amount: number): Promise<OrderRecord> {
  const orderId = `o_${randomBytes(16).toString('hex')}`;
  const now = new Date().toISOString();
  const order: OrderRecord = {
    orderId,
    user: uniqueName('refunded_'),
    status: 'PAID',
    items: [{ productId: 'p1', name: 'Mug', category: 'Books', price: amount, count: 1, lineTotal: amount }],
    amount,
    currency: 'usd',
    location: { address: '1 Test Way', country: 'US' },
    paymentIntentId: `pi_sim_${orderId.slice(2)}`,
    shipment: null,
    refunds: {},
    refundHeld: 0,
    revision: 1,
    paidAt: now,
    createdAt: now,
    updatedAt: now,
    history: [
      { status: 'PENDING_PAYMENT', at: now, note: 'order placed', by: 'buyer' },
      { status: 'PAID', at: now, note: 'payment succeeded', by: 'system' },
    ],
    outbox: {},
  };
  await transactWrite(createDynamoDbDocumentClient(), [orders.placeAction(order)]);
  return order;
}

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' && result.reason instanceof AppError ? result.reason.code : undefined;

describe('refunds on DynamoDB Local', () => {
  it('never lets 10 concurrent refunds pass the amount paid', async () => {
    const provider = new KeyedProvider();
    const order = await paidOrder(1500);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        new OrderRefunds({ orders, provider: async () => provider }).request(order.orderId, {
          amount: 400,
          reason: `refund ${index}`,
          by: 'sam',
        }),
      ),
    );

    const granted = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value as Refund] : []));
    const grantedAmount = granted.reduce((sum, refund) => sum + refund.amount, 0);
    // 3 x 400 fit in 1500, a 4th does not: every other request is refused as a conflict, none errs otherwise.
    expect(granted).toHaveLength(3);
    expect(results.filter((result) => result.status === 'rejected').map(codeOf)).toEqual(
      Array(7).fill(expect.stringMatching(/^REFUND_(EXCEEDS_PAYMENT|CONFLICT)$/)),
    );
    const stored = (await orders.get(order.orderId)) as OrderRecord;
    expect(Object.keys(stored.refunds)).toHaveLength(3);
    expect(stored.refundHeld).toBe(grantedAmount);
    expect([...provider.refunds.values()].reduce((sum, refund) => sum + refund.amount, 0)).toBe(1200);
  });

  it('gives a FAILED refund’s amount back exactly once, however often its outcome arrives', async () => {
    const provider = new KeyedProvider();
    const refunds = new OrderRefunds({ orders, provider: async () => provider });
    const order = await paidOrder(1000);
    const refund = await refunds.request(order.orderId, { amount: 1000, reason: 'broken', by: 'sam' });
    await expect(refunds.request(order.orderId, { amount: 1, reason: 'more', by: 'sam' })).rejects.toMatchObject({
      code: 'REFUND_EXCEEDS_PAYMENT',
    });

    const settled = await Promise.all(
      Array.from({ length: 5 }, () => refunds.settle(order.orderId, refund.refundId, 'FAILED')),
    );

    expect(settled.filter(Boolean)).toHaveLength(1);
    const stored = (await orders.get(order.orderId)) as OrderRecord;
    expect(stored.refundHeld).toBe(0);
    expect(stored.refunds[refund.refundId]?.status).toBe('FAILED');
    // The amount is free again, and only once: a new refund of all of it fits, one more cent does not.
    await expect(refunds.request(order.orderId, { amount: 1000, reason: 'again', by: 'sam' })).resolves.toMatchObject({
      amount: 1000,
      status: 'PENDING',
    });
    await expect(refunds.request(order.orderId, { amount: 1, reason: 'more', by: 'sam' })).rejects.toMatchObject({
      code: 'REFUND_EXCEEDS_PAYMENT',
    });
  });

  it('answers a retried request with the same key with the first refund, sent to the provider once', async () => {
    const provider = new KeyedProvider();
    const refunds = new OrderRefunds({ orders, provider: async () => provider });
    const order = await paidOrder(1000);
    const input = { amount: 300, reason: 'late delivery', by: 'sam', key: uniqueName('key_') };

    const [first, second] = await Promise.all([
      refunds.request(order.orderId, input),
      refunds.request(order.orderId, input),
    ]);

    expect(second.refundId).toBe(first.refundId);
    expect(provider.refunds.size).toBe(1);
    expect(((await orders.get(order.orderId)) as OrderRecord).refundHeld).toBe(300);
  });
});
