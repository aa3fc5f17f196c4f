import { orderIdOfRefund, REFUND_ID_PATTERN, refundIdFor } from '@estore/core/order';

const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';
const OTHER_ORDER_ID = 'o_fedcba9876543210fedcba9876543210';

describe('refundIdFor', () => {
  it('derives the same id from the same order and source, so a retried decision writes the same refund', () => {
    expect(refundIdFor(ORDER_ID, 'key:k-1')).toBe(refundIdFor(ORDER_ID, 'key:k-1'));
    expect(refundIdFor(ORDER_ID, 'cancel')).toBe(refundIdFor(ORDER_ID, 'cancel'));
  });

  it('derives different ids from different sources or orders', () => {
    const ids = [
      refundIdFor(ORDER_ID, 'key:k-1'),
      refundIdFor(ORDER_ID, 'key:k-2'),
      refundIdFor(ORDER_ID, 'cancel'),
      refundIdFor(ORDER_ID, 'late:pi_1'),
      refundIdFor(OTHER_ORDER_ID, 'cancel'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws a fresh id without a source', () => {
    const ids = Array.from({ length: 20 }, () => refundIdFor(ORDER_ID));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['a source', 'cancel'],
    ['no source', undefined],
  ])('carries the order id in the refund id pattern, with %s', (_, source) => {
    const refundId = refundIdFor(ORDER_ID, source);
    expect(refundId).toMatch(REFUND_ID_PATTERN);
    expect(refundId.startsWith('rf_0123456789abcdef0123456789abcdef_')).toBe(true);
  });
});

describe('orderIdOfRefund', () => {
  it('finds the order of each of its refunds', () => {
    expect(orderIdOfRefund(refundIdFor(ORDER_ID, 'cancel'))).toBe(ORDER_ID);
    expect(orderIdOfRefund(refundIdFor(OTHER_ORDER_ID))).toBe(OTHER_ORDER_ID);
  });

  it.each([
    ['a provider refund id', 're_3MtwBwLkdIwHu7ix28a3tqPa'],
    ['a payment intent id', 'pi_sim_0123456789abcdef0123456789abcdef'],
    ['an order id', ORDER_ID],
    ['upper-case hex', 'rf_0123456789ABCDEF0123456789ABCDEF_0a1b2c3d'],
    ['a short order part', 'rf_0123456789abcdef_0a1b2c3d'],
    ['a long suffix', 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d4'],
    ['trailing text', `${refundIdFor(ORDER_ID, 'cancel')}x`],
    ['nothing', ''],
  ])('rejects %s', (_, refundId) => {
    expect(orderIdOfRefund(refundId)).toBeUndefined();
  });
});
