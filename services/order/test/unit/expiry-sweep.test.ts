import type { OrderRecord, OrderTrigger, TriggerOptions, TriggerOutcome } from '@estore/core/order';
import type { CancelOutcome, IntentState, PaymentProvider, ProviderRefund } from '@estore/core/payments';
import { RecordingMetrics } from '@estore/testkit';
import { ExpirySweep, type ExpirySweepDeps, SWEEP_CONCURRENCY } from '../../src/expiry-sweep';
import { storedOrder } from './fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const PAST = '2026-03-01T11:59:00.000Z';
const FUTURE = '2026-03-01T12:05:00.000Z';
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const unpaid = (orderId: string, overrides: Partial<OrderRecord> = {}): OrderRecord =>
  storedOrder({ orderId, payBy: PAST, dueAt: PAST, paymentIntentId: `pi_sim_${orderId}`, ...overrides });

/**
 * An order table in memory: the due index is every order with a due time at or before `now`,
 * earliest first, as many as one query returns; the lifecycle ends an order by taking it out.
 */
function fakeStore() {
  const records = new Map<string, OrderRecord>();
  const trigger = jest.fn(
    async (orderId: string, to: OrderTrigger, _options?: TriggerOptions): Promise<TriggerOutcome> => {
      const order = records.get(orderId);
      if (!order) return 'missing';
      records.set(orderId, {
        ...order,
        status: to === 'payment-succeeded' ? 'PAID' : 'CANCELED',
        dueAt: undefined,
      });
      return 'applied';
    },
  );
  const orders: ExpirySweepDeps['orders'] = {
    dueOrders: jest.fn(async (now: Date, limitPerShard: number) =>
      [...records.values()]
        .filter((order) => order.dueAt && order.dueAt <= now.toISOString())
        .sort((a, b) => (a.dueAt as string).localeCompare(b.dueAt as string))
        .slice(0, limitPerShard)
        .map((order) => order.orderId),
    ),
    get: async (orderId: string) => records.get(orderId),
    reschedule: jest.fn(async (record: OrderRecord, dueAt: string | undefined, attempts: number) => {
      records.set(record.orderId, { ...(records.get(record.orderId) as OrderRecord), dueAt, dueAttempts: attempts });
      return true;
    }),
  };
  const settle = jest.fn(async (orderId: string) => {
    const order = records.get(orderId) as OrderRecord;
    records.set(orderId, { ...order, outbox: {}, dueAt: undefined });
  });
  return { records, trigger, orders, settle };
}

function fakeProvider(): jest.Mocked<PaymentProvider> {
  return {
    name: 'simulated',
    createIntent: jest.fn(),
    cancelIntent: jest.fn(async (_id: string): Promise<CancelOutcome> => 'canceled'),
    getIntent: jest.fn(async (_id: string): Promise<IntentState | undefined> => undefined),
    findIntentForOrder: jest.fn(async (_orderId: string): Promise<string | undefined> => undefined),
    createRefund: jest.fn(),
    getRefund: jest.fn(async (_id: string): Promise<ProviderRefund | undefined> => undefined),
  };
}

describe('the sweep of orders something is owed to', () => {
  let store: ReturnType<typeof fakeStore>;
  let provider: jest.Mocked<PaymentProvider>;
  let settleRefund: jest.Mock;
  let sweep: ExpirySweep;

  beforeEach(() => {
    store = fakeStore();
    provider = fakeProvider();
    settleRefund = jest.fn(async () => true);
    sweep = new ExpirySweep({
      orders: store.orders,
      lifecycle: { trigger: store.trigger, settle: store.settle },
      refunds: { settle: settleRefund },
      provider: async () => provider,
      random: () => 0.5,
    });
  });

  it('cancels the payment intent first, then expires the order', async () => {
    store.records.set('a', unpaid('a'));

    await expect(sweep.run(NOW)).resolves.toMatchObject({ due: 1, canceled: 1, failed: 0 });

    expect(provider.cancelIntent).toHaveBeenCalledWith('pi_sim_a');
    expect(store.trigger).toHaveBeenCalledWith('a', 'expired');
    expect(provider.cancelIntent.mock.invocationCallOrder[0]).toBeLessThan(store.trigger.mock.invocationCallOrder[0]);
  });

  it('reschedules an order whose payment is still being processed, instead of leaving it at the head', async () => {
    store.records.set('a', unpaid('a'));
    provider.cancelIntent.mockResolvedValue('not-cancelable');
    provider.getIntent.mockResolvedValue({ id: 'pi_sim_a', status: 'processing', amount: 1998, currency: 'usd' });

    await expect(sweep.run(NOW)).resolves.toMatchObject({ rescheduled: 1, canceled: 0 });

    const order = store.records.get('a') as OrderRecord;
    expect(order.status).toBe('PENDING_PAYMENT');
    expect(order.dueAttempts).toBe(1);
    expect((order.dueAt as string) > NOW.toISOString()).toBe(true);
    expect(store.trigger).not.toHaveBeenCalled();
  });

  it('never stalls behind orders it cannot settle: a newer order of the shard still expires, and the provider is asked less and less', async () => {
    // The review's case: a shard headed by 25 orders the provider will not cancel (a bank debit still processing).
    for (let i = 0; i < 25; i += 1) store.records.set(`stuck${i}`, unpaid(`stuck${i}`, { dueAt: PAST }));
    store.records.set(
      'newer',
      unpaid('newer', { payBy: '2026-03-01T11:59:30.000Z', dueAt: '2026-03-01T11:59:30.000Z' }),
    );
    provider.cancelIntent.mockImplementation(async (id) => (id === 'pi_sim_newer' ? 'canceled' : 'not-cancelable'));
    provider.getIntent.mockImplementation(async (id) => ({ id, status: 'processing', amount: 1998, currency: 'usd' }));
    const reports = [];

    for (let minute = 0; minute < 60; minute += 1) reports.push(await sweep.run(minutesLater(minute)));

    expect(reports[0]).toMatchObject({ due: 26, canceled: 1, rescheduled: 25 });
    expect(store.records.get('newer')?.status).toBe('CANCELED');
    // Without backoff: 25 orders x 60 sweeps x 2 calls. With it, each stuck order is asked a handful of times an hour.
    const calls = provider.cancelIntent.mock.calls.length + provider.getIntent.mock.calls.length;
    expect(calls).toBeLessThan(25 * 2 * 8);
  });

  it('applies a payment whose event was lost: the order becomes PAID through the lifecycle', async () => {
    store.records.set('a', unpaid('a'));
    provider.cancelIntent.mockResolvedValue('not-cancelable');
    provider.getIntent.mockResolvedValue({ id: 'pi_sim_a', status: 'succeeded', amount: 1998, currency: 'usd' });

    await expect(sweep.run(NOW)).resolves.toMatchObject({ paid: 1 });

    expect(store.trigger).toHaveBeenCalledWith('a', 'payment-succeeded', { paymentIntentId: 'pi_sim_a' });
  });

  it('never pays an order with a payment of another amount: rescheduled for an operator', async () => {
    store.records.set('a', unpaid('a'));
    provider.cancelIntent.mockResolvedValue('not-cancelable');
    provider.getIntent.mockResolvedValue({ id: 'pi_sim_a', status: 'succeeded', amount: 1, currency: 'usd' });

    await expect(sweep.run(NOW)).resolves.toMatchObject({ paid: 0, rescheduled: 1 });

    expect(store.trigger).not.toHaveBeenCalled();
  });

  it('cancels an order whose intent the provider does not know, saying so', async () => {
    store.records.set('a', unpaid('a'));
    provider.cancelIntent.mockResolvedValue('not-cancelable');

    await expect(sweep.run(NOW)).resolves.toMatchObject({ canceled: 1 });

    expect(store.trigger).toHaveBeenCalledWith('a', 'intent-missing');
  });

  it('finds an intent that was never recorded through the provider before deciding', async () => {
    store.records.set('a', unpaid('a', { paymentIntentId: null }));
    provider.findIntentForOrder.mockResolvedValue('pi_found');

    await expect(sweep.run(NOW)).resolves.toMatchObject({ canceled: 1 });

    expect(provider.findIntentForOrder).toHaveBeenCalledWith('a');
    expect(provider.cancelIntent).toHaveBeenCalledWith('pi_found');
    expect(store.trigger).toHaveBeenCalledWith('a', 'expired');
  });

  it('cancels an order with no intent anywhere as one nothing can pay', async () => {
    store.records.set('a', unpaid('a', { paymentIntentId: null }));

    await expect(sweep.run(NOW)).resolves.toMatchObject({ canceled: 1 });

    expect(provider.cancelIntent).not.toHaveBeenCalled();
    expect(store.trigger).toHaveBeenCalledWith('a', 'intent-missing');
  });

  it('goes on with the other orders when one fails, and moves the failed one later', async () => {
    for (const id of ['a', 'b', 'c']) store.records.set(id, unpaid(id));
    provider.cancelIntent.mockImplementation(async (id) => {
      if (id === 'pi_sim_b') throw new Error('Stripe timed out');
      return 'canceled';
    });

    await expect(sweep.run(NOW)).resolves.toMatchObject({ due: 3, canceled: 2, failed: 1 });

    expect((store.records.get('b')?.dueAt as string) > NOW.toISOString()).toBe(true);
  });

  it('settles an order that owes an event or a refund (publishes, sends, reschedules)', async () => {
    store.records.set('a', unpaid('a', { status: 'PAID', dueAt: PAST, payBy: PAST }));

    await expect(sweep.run(NOW)).resolves.toMatchObject({ settled: 1 });

    expect(store.settle).toHaveBeenCalledWith('a');
    expect(provider.cancelIntent).not.toHaveBeenCalled();
  });

  it('asks the provider about a refund it accepted long ago, in case its webhook was lost', async () => {
    const refund = {
      refundId: 'rf_1',
      amount: 500,
      reason: 'damaged',
      status: 'PENDING' as const,
      by: 'staff',
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      paymentIntentId: 'pi_sim_a',
      providerRefundId: 're_sim_1',
    };
    store.records.set('a', unpaid('a', { status: 'PAID', refunds: { rf_1: refund } }));
    provider.getRefund.mockResolvedValue({ id: 're_sim_1', status: 'succeeded' });

    await sweep.run(NOW);

    expect(settleRefund).toHaveBeenCalledWith('a', 'rf_1', 'SUCCEEDED');
    expect(store.settle).toHaveBeenCalledWith('a');
  });

  it('skips an order whose due time is still ahead (the index read was stale)', async () => {
    store.records.set('a', unpaid('a', { dueAt: FUTURE }));
    (store.orders.dueOrders as jest.Mock).mockResolvedValueOnce(['a']);

    await expect(sweep.run(NOW)).resolves.toMatchObject({ due: 1, skipped: 1 });

    expect(provider.cancelIntent).not.toHaveBeenCalled();
  });

  it('stops starting orders when its time budget is spent and reports what it left', async () => {
    let clock = 0;
    const metrics = new RecordingMetrics();
    for (let i = 0; i < 40; i += 1) store.records.set(`o${i}`, unpaid(`o${i}`));
    // Each provider call takes 60 ms of a 100 ms budget: the orders started at once finish, no more start.
    provider.cancelIntent.mockImplementation(async () => {
      clock += 60;
      return 'canceled';
    });
    const budgeted = new ExpirySweep({
      orders: store.orders,
      lifecycle: { trigger: store.trigger, settle: store.settle },
      refunds: { settle: settleRefund },
      provider: async () => provider,
      clock: () => clock,
      metrics,
    });

    const report = await budgeted.run(NOW, 100);

    expect(report).toMatchObject({ due: 40, canceled: SWEEP_CONCURRENCY, unfinished: 40 - SWEEP_CONCURRENCY });
    expect(metrics.lines()).toEqual([
      'SweepDue:40',
      `SweepSettled:${SWEEP_CONCURRENCY}`,
      `SweepRescheduled:${40 - SWEEP_CONCURRENCY}`,
      'SweepFailed:0',
    ]);
    expect(report.elapsedMs).toBeGreaterThanOrEqual(100);
  });
});
