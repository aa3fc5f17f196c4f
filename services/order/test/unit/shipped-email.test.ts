import { type ShippedOrder, shippedEmail } from '../../src/domain/shipped-email';
import { shippedOrder } from './email-fixtures';
import { ORDER_ID } from './fixtures';

const shipped = (trackingUrl: string | null): ShippedOrder => {
  const order = shippedOrder();
  if (!order.shipment) throw new Error('the fixture ships');
  return { ...order, shipment: { ...order.shipment, trackingUrl } };
};

describe('shippedEmail', () => {
  it('names the order in the subject and addresses the customer', () => {
    const email = shippedEmail(shipped(null), 'alice@example.test');
    expect(email).toMatchObject({ to: 'alice@example.test', subject: `Your E-Store order ${ORDER_ID} has shipped` });
  });

  it('gives the carrier, the tracking number and the items in text and HTML', () => {
    const { text, html } = shippedEmail(shipped(null), 'alice@example.test');
    expect(text).toContain('Carrier: DHL\nTracking number: JD014600006281230704');
    expect(text).toContain('2 x Mug @ 9.99 USD');
    expect(html).toContain('Carrier: <strong>DHL</strong><br>Tracking number: <strong>JD014600006281230704</strong>');
  });

  it.each([
    ['an https tracking URL', 'https://www.dhl.com/track?id=1', 'https://www.dhl.com/track?id=1'],
    ['an http tracking URL', 'http://www.dhl.com/track?id=1', undefined],
    ['a javascript: tracking URL', 'javascript:alert(1)', undefined],
    ['no tracking URL', null, undefined],
  ])('with %s, links to %p', (_case, trackingUrl, link) => {
    const { text, html } = shippedEmail(shipped(trackingUrl), 'alice@example.test');
    if (link) {
      expect(text).toContain(`Track your parcel: ${link}`);
      expect(html).toContain(`<a href="${link}">Track your parcel</a>`);
    } else {
      expect(text).not.toContain('Track your parcel');
      expect(html).not.toContain('<a ');
      if (trackingUrl) expect(text).not.toContain(trackingUrl);
    }
  });

  it('escapes what staff typed in the HTML', () => {
    const order = shipped(null);
    const { html } = shippedEmail(
      { ...order, shipment: { ...order.shipment, carrier: '<img src=x>', trackingNumber: 'A&B' } },
      'alice@example.test',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x&#62;');
    expect(html).toContain('A&#38;B');
  });
});
