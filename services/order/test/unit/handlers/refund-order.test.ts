import { ConflictError } from '@estore/core/errors';
import type { IdempotentRequest } from '@estore/core/idempotency';
import type { Refund } from '@estore/core/order';
import { refundOrder } from '../../../src/handlers/refund-order';
import type { RefundBody } from '../../../src/schemas';
import type { StaffRefunds } from '../../../src/staff-refunds';
import { alice, call, ORDER_ID, staff } from '../fixtures';

const REFUND: Refund = {
  refundId: 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d',
  amount: 500,
  reason: 'scratched mug',
  status: 'PENDING',
  by: 'sam',
  createdAt: '2026-03-02T12:00:00.000Z',
  updatedAt: '2026-03-02T12:00:00.000Z',
};

describe('POST /orders/{orderId}/refunds', () => {
  let refund: jest.Mock<ReturnType<StaffRefunds['refund']>, Parameters<StaffRefunds['refund']>>;
  let idempotentRefund: jest.Mock<Promise<{ status: number; body: unknown }>, [IdempotentRequest<RefundBody>, unknown]>;
  let route: ReturnType<typeof refundOrder>;

  beforeEach(() => {
    refund = jest.fn<ReturnType<StaffRefunds['refund']>, Parameters<StaffRefunds['refund']>>(async () => REFUND);
    idempotentRefund = jest.fn<Promise<{ status: number; body: unknown }>, [IdempotentRequest<RefundBody>, unknown]>(
      async () => ({ status: 201, body: { refund: REFUND } }),
    );
    route = refundOrder({ staffRefunds: { refund }, idempotentRefund });
  });

  const post = (body: unknown, headers: Record<string, string> = {}, caller = staff) =>
    call(route, {
      method: 'POST',
      path: `/orders/${ORDER_ID}/refunds`,
      pathParameters: { orderId: ORDER_ID },
      body: JSON.stringify(body),
      headers,
      caller,
    });

  it('refunds the amount as the staff member, answering 201 with the refund', async () => {
    await expect(post({ amount: 500, reason: 'scratched mug' })).resolves.toEqual({
      status: 201,
      body: { refund: REFUND },
    });
    expect(refund).toHaveBeenCalledWith(ORDER_ID, { amount: 500, reason: 'scratched mug', by: 'sam' });
    expect(idempotentRefund).not.toHaveBeenCalled();
  });

  it('goes through the idempotent refund under an Idempotency-Key, scoped to the order', async () => {
    const result = await post({ amount: 500, reason: 'scratched mug' }, { 'Idempotency-Key': 'refund-1' });
    expect(result).toEqual({ status: 201, body: { refund: REFUND } });
    expect(idempotentRefund).toHaveBeenCalledWith(
      { scope: ORDER_ID, key: 'refund-1', request: { amount: 500, reason: 'scratched mug' }, caller: 'sam' },
      expect.anything(),
    );
    expect(refund).not.toHaveBeenCalled();
  });

  it('refuses an Idempotency-Key with a space with 400', async () => {
    const result = await post({ amount: 500, reason: 'scratched mug' }, { 'Idempotency-Key': 'two words' });
    expect(result).toMatchObject({ status: 400, body: { error: { details: [{ field: 'Idempotency-Key' }] } } });
    expect(idempotentRefund).not.toHaveBeenCalled();
  });

  it.each([
    ['a zero amount', { amount: 0, reason: 'x' }, 'amount'],
    ['a fractional amount', { amount: 1.5, reason: 'x' }, 'amount'],
    ['an amount as text', { amount: '500', reason: 'x' }, 'amount'],
    ['no reason', { amount: 500 }, 'reason'],
    ['a reason of 201 characters', { amount: 500, reason: 'x'.repeat(201) }, 'reason'],
  ])('refuses %s with 400 naming the field, and refunds nothing', async (_case, body, field) => {
    const result = await post(body);
    expect(result).toMatchObject({ status: 400, body: { error: { details: [expect.objectContaining({ field })] } } });
    expect(refund).not.toHaveBeenCalled();
  });

  it('answers 409 REFUND_EXCEEDS_PAYMENT from the use case', async () => {
    refund.mockRejectedValue(new ConflictError('REFUND_EXCEEDS_PAYMENT', 'too much'));
    const result = await post({ amount: 99_999, reason: 'too much' });
    expect(result).toMatchObject({ status: 409, body: { error: { code: 'REFUND_EXCEEDS_PAYMENT' } } });
  });

  it('refuses a customer with 403', async () => {
    await expect(post({ amount: 500, reason: 'x' }, {}, alice)).resolves.toMatchObject({ status: 403 });
    expect(refund).not.toHaveBeenCalled();
  });
});
