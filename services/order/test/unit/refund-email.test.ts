import { type RefundedOrder, refundEmail } from '../../src/domain/refund-email';
import { REFUND_ID, refundedOrder } from './email-fixtures';
import { ORDER_ID } from './fixtures';

const refunded = (overrides: Partial<RefundedOrder> = {}): RefundedOrder => ({
  ...refundedOrder(),
  refundId: REFUND_ID,
  refundAmount: 500,
  ...overrides,
});

describe('refundEmail', () => {
  it('names the order in the subject and addresses the customer', () => {
    expect(refundEmail(refunded(), 'alice@example.test')).toMatchObject({
      to: 'alice@example.test',
      subject: `A refund for your E-Store order ${ORDER_ID}`,
    });
  });

  it.each([
    ['a first partial refund', 500, 500, 'We have refunded 5.00 USD', 'Refunded so far: 5.00 USD of 24.97 USD'],
    ['a second one', 1000, 1500, 'We have refunded 10.00 USD', 'Refunded so far: 15.00 USD of 24.97 USD'],
    ['the whole order', 2497, 2497, 'We have refunded 24.97 USD', 'Refunded so far: 24.97 USD of 24.97 USD'],
  ])('for %s, says the amount and the total refunded', (_case, refundAmount, refundedAmount, amount, soFar) => {
    const { text, html } = refundEmail(refunded({ refundAmount, refundedAmount }), 'alice@example.test');
    expect(text).toContain(`${amount} of order ${ORDER_ID}`);
    expect(text).toContain(soFar);
    expect(html).toContain(soFar.replace(': ', ': <strong>').concat('</strong>'));
  });

  it('names the refund, so the customer can quote it', () => {
    expect(refundEmail(refunded(), 'alice@example.test').text).toContain(`Refund: ${REFUND_ID}`);
  });

  it('leaves out the running total when the event does not carry it', () => {
    const { text } = refundEmail(refunded({ refundedAmount: undefined }), 'alice@example.test');
    expect(text).not.toContain('Refunded so far');
    expect(text).toContain('We have refunded 5.00 USD');
  });
});
