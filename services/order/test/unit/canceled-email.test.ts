import { canceledEmail } from '../../src/domain/canceled-email';
import { canceledOrder } from './email-fixtures';
import { ORDER_ID } from './fixtures';

describe('canceledEmail', () => {
  it('names the order in the subject and addresses the customer', () => {
    const email = canceledEmail(canceledOrder(), 'alice@example.test');
    expect(email).toMatchObject({ to: 'alice@example.test', subject: `Your E-Store order ${ORDER_ID} is canceled` });
  });

  it.each([
    ['customer', `Order ${ORDER_ID} is canceled, as you asked.`],
    ['staff', `We have canceled order ${ORDER_ID}.`],
    ['expired', `Order ${ORDER_ID} is canceled: it was not paid in time.`],
    ['provider', `Order ${ORDER_ID} is canceled: its payment did not go through.`],
    ['something new', `Order ${ORDER_ID} is canceled.`],
    [undefined, `Order ${ORDER_ID} is canceled.`],
  ])('says why for the reason %p', (reason, why) => {
    const { text, html } = canceledEmail(canceledOrder({ reason }), 'alice@example.test');
    expect(text).toContain(why);
    expect(html).toContain(`<p>${why}</p>`);
  });

  it.each([
    ['the whole amount of a paid order', 2497, 'We are refunding 24.97 USD to your original payment method'],
    ['the part not refunded yet', 1997, 'We are refunding 19.97 USD to your original payment method'],
  ])('tells the customer the refund owed: %s', (_case, refundAmount, sentence) => {
    const { text } = canceledEmail(canceledOrder({ refundAmount }), 'alice@example.test');
    expect(text).toContain(sentence);
  });

  it.each([
    ['an order never paid', 0],
    ['an event without the amount', undefined],
  ])('says nothing about money when nothing is owed back: %s', (_case, refundAmount) => {
    const { text, html } = canceledEmail(canceledOrder({ refundAmount }), 'alice@example.test');
    expect(`${text}${html}`).not.toMatch(/refund|charged/i);
  });

  it("lists the order's items", () => {
    expect(canceledEmail(canceledOrder(), 'alice@example.test').text).toContain(
      '2 x Mug @ 9.99 USD\n1 x Pen @ 4.99 USD',
    );
  });

  it("never shows the staff's note to the customer", () => {
    const email = canceledEmail(canceledOrder({ note: 'suspected fraud' }), 'alice@example.test');
    expect(`${email.text}${email.html}`).not.toContain('suspected fraud');
  });
});
