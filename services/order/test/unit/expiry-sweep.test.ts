import type { OrderLifecycle, OrderRecord, OrderRepository, TriggerOutcome } from '@estore/core/order';
import type { CancelOutcome, PaymentProvider } from '@estore/core/payments';
import { ExpirySweep } from '../../src/expiry-sweep';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const PAST = '2026-03-01T11:59:00.000Z';
const FUTURE = '2026-03-01T12:05:00.000Z';

const pending = (orderId: string, overrides: Partial<OrderRecord> = {}) =>
  ({
    orderId,
    status: 'PENDING_PAYMENT',
    payBy: PAST,
    paymentIntentId: `pi_sim_${orderId}`,
    ...overrides,
  }) as OrderRecord;

describe('ExpirySweep', () => {
  let records: Map<string, OrderRecord>;
  let trigger: jest.Mock<Promise<TriggerOutcome>, [string, string]>;
  let provider: jest.Mocked<PaymentProvider>;
  let sweep: ExpirySweep;

  beforeEach(() => {
    records = new Map();
    trigger = jest.fn<Promise<TriggerOutcome>, [string, string]>(async () => 'applied');
    provider = {
      name: 'simulated',
      createIntent: jest.fn(),
      cancelIntent: jest.fn<Promise<CancelOutcome>, [string]>(async () => 'canceled'),
      refund: jest.fn(),
    };
    const orders = { dueForExpiry: async () => [...records.keys()], get: async (id: string) => records.get(id) };
    sweep = new ExpirySweep(
      orders as unknown as OrderRepository,
      { trigger } as unknown as OrderLifecycle,
      async () => provider,
    );
  });

  it('cancels the payment intent first, then expires the order', async () => {
    records.set('a', pending('a'));

    await expect(sweep.run(NOW)).resolves.toEqual({ due: 1, canceled: 1, skipped: 0, failed: 0 });

    expect(provider.cancelIntent).toHaveBeenCalledWith('pi_sim_a');
    expect(trigger).toHaveBeenCalledWith('a', 'expired');
    expect(provider.cancelIntent.mock.invocationCallOrder[0]).toBeLessThan(trigger.mock.invocationCallOrder[0]);
  });

  it('leaves an order to the webhook when the provider says its payment cannot be canceled', async () => {
    records.set('a', pending('a'));
    provider.cancelIntent.mockResolvedValueOnce('not-cancelable');

    await expect(sweep.run(NOW)).resolves.toEqual({ due: 1, canceled: 0, skipped: 1, failed: 0 });

    expect(trigger).not.toHaveBeenCalled();
  });

  it('goes on with the other orders when one fails', async () => {
    records.set('a', pending('a')).set('b', pending('b')).set('c', pending('c'));
    provider.cancelIntent.mockImplementation(async (id) => {
      if (id === 'pi_sim_b') throw new Error('Stripe timed out');
      return 'canceled';
    });

    await expect(sweep.run(NOW)).resolves.toEqual({ due: 3, canceled: 2, skipped: 0, failed: 1 });

    expect(trigger.mock.calls.map(([orderId]) => orderId)).toEqual(['a', 'c']);
  });

  it('skips an order whose deadline is still ahead (the index read was stale)', async () => {
    records.set('a', pending('a', { payBy: FUTURE }));

    await expect(sweep.run(NOW)).resolves.toEqual({ due: 1, canceled: 0, skipped: 1, failed: 0 });

    expect(provider.cancelIntent).not.toHaveBeenCalled();
    expect(trigger).not.toHaveBeenCalled();
  });

  it('skips an order that was paid meanwhile (no deadline any more)', async () => {
    records.set('a', pending('a', { status: 'PAID', payBy: undefined }));

    await expect(sweep.run(NOW)).resolves.toMatchObject({ canceled: 0, skipped: 1 });

    expect(provider.cancelIntent).not.toHaveBeenCalled();
  });

  it('expires an order that never got an intent without asking the provider', async () => {
    records.set('a', pending('a', { paymentIntentId: null }));

    await expect(sweep.run(NOW)).resolves.toMatchObject({ canceled: 1 });

    expect(provider.cancelIntent).not.toHaveBeenCalled();
    expect(trigger).toHaveBeenCalledWith('a', 'expired');
  });

  it('counts an order the lifecycle left alone as skipped', async () => {
    records.set('a', pending('a'));
    trigger.mockResolvedValueOnce('ignored');

    await expect(sweep.run(NOW)).resolves.toEqual({ due: 1, canceled: 0, skipped: 1, failed: 0 });
  });
});
