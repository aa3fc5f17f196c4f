import { type HistoryEntry, type RefundRecord, refundedAmount, SYSTEM_ACTOR, toOrder } from '@estore/core/order';
import { orderRecord, refundRecord } from './fake-orders';

const refund = (suffix: string, overrides: Partial<RefundRecord>): RefundRecord =>
  refundRecord({ refundId: `rf_0123456789abcdef0123456789abcdef_0000000${suffix}`, ...overrides });

describe('refundedAmount', () => {
  it('sums the SUCCEEDED refunds only', () => {
    const refunds = {
      a: refund('1', { amount: 100, status: 'SUCCEEDED' }),
      b: refund('2', { amount: 200, status: 'PENDING' }),
      c: refund('3', { amount: 400, status: 'FAILED' }),
      d: refund('4', { amount: 800, status: 'SUCCEEDED' }),
    };
    expect(refundedAmount({ refunds })).toBe(900);
  });

  it('is 0 for an order without refunds', () => {
    expect(refundedAmount({ refunds: {} })).toBe(0);
  });
});

describe('toOrder', () => {
  it('shows the refunds oldest first, without what only storage needs', () => {
    const newer = refund('2', {
      amount: 200,
      createdAt: '2026-03-01T11:20:00.000Z',
      providerRefundId: 're_2',
      sendAttempts: 3,
    });
    const older = refund('1', { amount: 100, status: 'SUCCEEDED', createdAt: '2026-03-01T11:10:00.000Z' });
    const record = orderRecord({ refunds: { [newer.refundId]: newer, [older.refundId]: older }, refundHeld: 300 });

    const order = toOrder(record);

    expect(order.refunds).toEqual([
      {
        refundId: older.refundId,
        amount: 100,
        reason: 'damaged',
        status: 'SUCCEEDED',
        by: 'staff-sam',
        createdAt: '2026-03-01T11:10:00.000Z',
        updatedAt: older.updatedAt,
      },
      {
        refundId: newer.refundId,
        amount: 200,
        reason: 'damaged',
        status: 'PENDING',
        by: 'staff-sam',
        createdAt: '2026-03-01T11:20:00.000Z',
        updatedAt: newer.updatedAt,
      },
    ]);
    expect(order.refundedAmount).toBe(100);
  });

  it('keeps the lifecycle fields out of the API view', () => {
    const order = toOrder(orderRecord({ paidAt: '2026-03-01T11:05:00.000Z', dueAttempts: 2 }));

    for (const field of ['payBy', 'dueAt', 'dueAttempts', 'revision', 'paidAt', 'refundHeld', 'outbox']) {
      expect(order).not.toHaveProperty(field);
    }
  });

  it('shows no shipment until the order ships', () => {
    expect(toOrder(orderRecord()).shipment).toBeNull();
    const shipment = {
      carrier: 'UPS',
      trackingNumber: '1Z999',
      trackingUrl: null,
      shippedAt: '2026-03-01T11:30:00.000Z',
      deliveredAt: null,
    };
    expect(toOrder(orderRecord({ status: 'SHIPPED', shipment })).shipment).toEqual(shipment);
  });

  it("shows who acted on every history entry, 'system' for entries written before it was recorded", () => {
    // Written before `by` existed: the stored entry lacks it.
    const legacy = { status: 'CANCELED', at: '2026-03-01T11:30:00.000Z', note: 'not paid in time' } as HistoryEntry;
    const record = orderRecord();

    const order = toOrder({ ...record, history: [...record.history, legacy] });

    expect(order.history.map((entry) => entry.by)).toEqual(['alice', SYSTEM_ACTOR]);
  });
});
