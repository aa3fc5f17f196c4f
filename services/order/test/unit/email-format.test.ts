import { composeEmail, formatMinorUnits, httpsUrl, itemLines } from '../../src/domain/email-format';

describe('formatMinorUnits', () => {
  it.each([
    [1999, 'usd', '19.99 USD'],
    [5, 'usd', '0.05 USD'],
    [0, 'usd', '0.00 USD'],
    [100, 'usd', '1.00 USD'],
    [99_999_999, 'eur', '999999.99 EUR'],
    [-250, 'usd', '-2.50 USD'],
  ])('formats %p %s as %p', (amount, currency, expected) => {
    expect(formatMinorUnits(amount, currency)).toBe(expected);
  });
});

describe('itemLines', () => {
  it('writes each line as count x name @ unit price', () => {
    const items = [
      { productId: 'mug', name: 'Mug', count: 2, price: 999 },
      { productId: 'pen', name: 'Pen', count: 1, price: 499 },
    ];
    expect(itemLines({ items, currency: 'usd' })).toEqual(['2 x Mug @ 9.99 USD', '1 x Pen @ 4.99 USD']);
  });

  it('has no lines for an event without items', () => {
    expect(itemLines({ currency: 'usd' })).toEqual([]);
  });
});

describe('httpsUrl', () => {
  it.each([
    ['an https URL', 'https://track.example/p?id=1&x=2', 'https://track.example/p?id=1&x=2'],
    ['an upper-case scheme, normalised', 'HTTPS://track.example/p', 'https://track.example/p'],
    ['an http URL', 'http://track.example/p', undefined],
    ['a javascript: URL', 'javascript:alert(1)', undefined],
    ['a data: URL', 'data:text/html,<b>x</b>', undefined],
    ['text that is no URL', 'see the carrier site', undefined],
    ['an empty string', '', undefined],
    ['null', null, undefined],
    ['nothing', undefined, undefined],
  ])('keeps %s as %p', (_case, url, expected) => {
    expect(httpsUrl(url)).toBe(expected);
  });
});

describe('composeEmail', () => {
  const email = composeEmail('a@example.test', 'Subject', [
    { paragraph: 'Hello <you> & "them"' },
    { list: ['one', 'two <2>'] },
    { list: [] },
    { facts: [['Total', '1.00 USD']] },
    { link: { label: 'Track', url: 'https://t.example/?a=1&b="2"' } },
  ]);

  it('writes every block as plain text, separated by blank lines, leaving out empty lists', () => {
    expect(email.text).toBe(
      ['Hello <you> & "them"', 'one\ntwo <2>', 'Total: 1.00 USD', 'Track: https://t.example/?a=1&b="2"'].join('\n\n'),
    );
  });

  it('writes the same blocks as HTML with every value escaped', () => {
    expect(email.html).toBe(
      [
        '<p>Hello &#60;you&#62; &#38; &#34;them&#34;</p>',
        '<ul><li>one</li><li>two &#60;2&#62;</li></ul>',
        '<p>Total: <strong>1.00 USD</strong></p>',
        '<p><a href="https://t.example/?a=1&#38;b=&#34;2&#34;">Track</a></p>',
      ].join('\n'),
    );
  });

  it('keeps the address and subject as given', () => {
    expect(email).toMatchObject({ to: 'a@example.test', subject: 'Subject' });
  });
});
