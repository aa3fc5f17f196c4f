import { confirmationEmail } from '../../src/domain/confirmation-email';
import { ORDER_ID, paidOrder } from './fixtures';

describe('confirmationEmail', () => {
  it('addresses the customer and names the order in the subject', () => {
    const email = confirmationEmail(paidOrder(), 'alice@example.test');
    expect(email.to).toBe('alice@example.test');
    expect(email.subject).toBe(`Your E-Store order ${ORDER_ID} is confirmed`);
  });

  it('lists every item, the total and the delivery address in the text', () => {
    const { text } = confirmationEmail(paidOrder(), 'alice@example.test');
    expect(text).toContain('2 x Mug @ 9.99 USD');
    expect(text).toContain('1 x Pen @ 4.99 USD');
    expect(text).toContain('Total: 24.97 USD');
    expect(text).toContain('Delivery to: 1 Main St, Springfield, US');
  });

  it('shows the same items, total and address in the HTML', () => {
    const { html } = confirmationEmail(paidOrder(), 'alice@example.test');
    expect(html).toContain('<li>2 x Mug @ 9.99 USD</li>');
    expect(html).toContain('<strong>24.97 USD</strong>');
    expect(html).toContain('1 Main St, Springfield, US');
  });

  it('escapes product names, user and address in the HTML', () => {
    const order = paidOrder({
      user: "o'neil",
      items: [{ productId: 'x', name: '<script>alert("x")</script>', count: 1, price: 100 }],
      location: { address: 'Flat 1 & 2 <b>', country: 'GB' },
    });
    const { html, text } = confirmationEmail(order, 'o@example.test');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('o&#39;neil');
    expect(html).toContain('Flat 1 &#38; 2 &#60;b&#62;, GB');
    expect(text).toContain('1 x <script>alert("x")</script> @ 1.00 USD');
  });
});
