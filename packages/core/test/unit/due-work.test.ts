import { nextDueAt, type OrderRecord, OWED_GRACE_MS, REFUND_CHECK_MS, retryDelayMs } from '@estore/core/order';
import { orderRecord, refundRecord } from './fake-orders';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const MINUTE = 60_000;
/** The low end of every jitter, so backoffs are exact. */
const lowest = () => 0;

const paid = (overrides: Partial<OrderRecord> = {}) =>
  orderRecord({ status: 'PAID', paidAt: '2026-03-01T11:05:00.000Z', dueAt: undefined, ...overrides });
const withRefund = (overrides: Parameters<typeof refundRecord>[0]) => {
  const refund = refundRecord(overrides);
  return { refunds: { [refund.refundId]: refund }, refundHeld: refund.amount };
};
const owedEvent = { outbox: { 'OrderPaid:o_1': { detailType: 'OrderPaid' as const, detail: {} } } };

describe('nextDueAt', () => {
  it.each<[string, OrderRecord, string | undefined]>([
    ['nothing owed: out of the due index', paid(), undefined],
    ['a canceled order owing nothing, whatever its old deadline', orderRecord({ status: 'CANCELED' }), undefined],
    ['an event owed: after the grace period its writer has to publish it', paid(owedEvent), at(OWED_GRACE_MS)],
    ['an unsent refund never tried: the first backoff', paid(withRefund({})), at(30_000)],
    ['an unsent refund tried 3 times: the fourth backoff', paid(withRefund({ sendAttempts: 3 })), at(4 * MINUTE)],
    [
      'a sent refund still pending: asked about a check period after it was sent',
      paid(withRefund({ providerRefundId: 're_1', updatedAt: '2026-03-01T11:30:00.000Z' })),
      new Date(Date.parse('2026-03-01T11:30:00.000Z') + REFUND_CHECK_MS).toISOString(),
    ],
    [
      'a sent refund whose check is overdue: a check period from now',
      paid(withRefund({ providerRefundId: 're_1', updatedAt: '2026-03-01T10:00:00.000Z' })),
      at(REFUND_CHECK_MS),
    ],
    ['a SUCCEEDED refund: nothing', paid(withRefund({ status: 'SUCCEEDED', providerRefundId: 're_1' })), undefined],
    ['a FAILED refund: nothing', paid(withRefund({ status: 'FAILED' })), undefined],
    [
      'an unpaid order: its payment deadline',
      orderRecord({ payBy: '2026-03-01T12:30:00.000Z', dueAt: at(OWED_GRACE_MS) }),
      '2026-03-01T12:30:00.000Z',
    ],
    [
      'a failed payment: its payment deadline',
      orderRecord({ status: 'PAYMENT_FAILED', payBy: '2026-03-01T12:30:00.000Z' }),
      '2026-03-01T12:30:00.000Z',
    ],
    [
      'an unpaid order the sweep rescheduled past its deadline: the sweep time',
      orderRecord({ payBy: '2026-03-01T11:30:00.000Z', dueAt: '2026-03-01T12:40:00.000Z', dueAttempts: 2 }),
      '2026-03-01T12:40:00.000Z',
    ],
    [
      "an unpaid order whose later due time was not the sweep's: its deadline",
      orderRecord({ payBy: '2026-03-01T11:30:00.000Z', dueAt: '2026-03-01T12:40:00.000Z', dueAttempts: 0 }),
      '2026-03-01T11:30:00.000Z',
    ],
    [
      'an unpaid order the sweep looked at before its deadline: its deadline',
      orderRecord({ payBy: '2026-03-01T12:30:00.000Z', dueAt: '2026-03-01T12:10:00.000Z', dueAttempts: 1 }),
      '2026-03-01T12:30:00.000Z',
    ],
    [
      'an event owed by an unpaid order: the earliest, the event',
      orderRecord({ payBy: '2026-03-01T12:30:00.000Z', ...owedEvent }),
      at(OWED_GRACE_MS),
    ],
    [
      'an event and an unsent refund owed: the earliest, the refund',
      paid({ ...owedEvent, ...withRefund({}) }),
      at(30_000),
    ],
    [
      'an unpaid order past its deadline with an event owed: the earliest, the deadline',
      orderRecord({ payBy: '2026-03-01T11:30:00.000Z', ...owedEvent }),
      '2026-03-01T11:30:00.000Z',
    ],
  ])('%s', (_, order, expected) => {
    expect(nextDueAt(order, NOW, lowest)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base with every attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, lowest))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
  });

  it('stops growing at the cap', () => {
    expect(retryDelayMs(7, lowest)).toBe(30 * MINUTE);
    expect(retryDelayMs(40, lowest)).toBe(30 * MINUTE);
    expect(retryDelayMs(40, () => 0.999_999)).toBeLessThanOrEqual(60 * MINUTE);
  });

  it('treats an attempt below 1 as the first', () => {
    expect(retryDelayMs(0, lowest)).toBe(retryDelayMs(1, lowest));
  });

  it('honours its own base and cap', () => {
    expect(retryDelayMs(3, lowest, 1_000, 3_000)).toBe(1_500);
    expect(retryDelayMs(2, lowest, 1_000, 3_000)).toBe(1_000);
  });

  it.each([1, 2, 4, 7, 12])('jitters attempt %i within [ceiling / 2, ceiling]', (attempt) => {
    const ceiling = Math.min(60 * MINUTE, MINUTE * 2 ** (attempt - 1));
    const delays = Array.from({ length: 200 }, () => retryDelayMs(attempt));

    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
    // Orders that failed together must not all come back at the same moment.
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});
