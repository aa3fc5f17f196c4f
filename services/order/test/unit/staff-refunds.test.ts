import { ConflictError } from '@estore/core/errors';
import type { Refund } from '@estore/core/order';
import { StaffRefunds } from '../../src/staff-refunds';
import { ORDER_ID } from './fixtures';

const REFUND: Refund = {
  refundId: 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d',
  amount: 500,
  reason: 'scratched mug',
  status: 'PENDING',
  by: 'sam',
  createdAt: '2026-03-02T12:00:00.000Z',
  updatedAt: '2026-03-02T12:00:00.000Z',
};

describe('StaffRefunds', () => {
  const input = { amount: 500, reason: 'scratched mug', by: 'sam', key: 'k1' };

  it('requests the refund, then settles the order (publishing what it owes), and answers the refund', async () => {
    const calls: string[] = [];
    const refunds = new StaffRefunds({
      refunds: {
        request: async (orderId, given) => {
          calls.push(`request ${orderId} ${given.amount} ${given.key}`);
          return REFUND;
        },
      },
      lifecycle: { settle: async (orderId) => void calls.push(`settle ${orderId}`) },
    });

    await expect(refunds.refund(ORDER_ID, input)).resolves.toEqual(REFUND);
    expect(calls).toEqual([`request ${ORDER_ID} 500 k1`, `settle ${ORDER_ID}`]);
  });

  it('answers the refund even when the settle fails (the sweep finishes the order)', async () => {
    const refunds = new StaffRefunds({
      refunds: { request: async () => REFUND },
      lifecycle: { settle: async () => Promise.reject(new Error('EventBridge down')) },
    });
    await expect(refunds.refund(ORDER_ID, input)).resolves.toEqual(REFUND);
  });

  it('passes a refusal on, and settles nothing', async () => {
    const settle = jest.fn(async () => undefined);
    const refunds = new StaffRefunds({
      refunds: { request: async () => Promise.reject(new ConflictError('REFUND_EXCEEDS_PAYMENT', 'too much')) },
      lifecycle: { settle },
    });
    await expect(refunds.refund(ORDER_ID, input)).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    expect(settle).not.toHaveBeenCalled();
  });
});
