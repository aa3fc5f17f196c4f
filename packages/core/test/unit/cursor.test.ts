import { decodeCursor, encodeCursor, ValidationError } from '../../src';

describe('opaque cursors', () => {
  const key = { pk: 'PRODUCT', sk: 'p#123', price: 1999 };

  it('round-trips a page key for the same query', () => {
    const cursor = encodeCursor(key, 'category=Books&sort=price_asc');
    expect(decodeCursor(cursor!, 'category=Books&sort=price_asc', ['pk', 'sk', 'price'])).toEqual(key);
  });

  it('is null when there is no next page', () => {
    expect(encodeCursor(undefined, 'q')).toBeNull();
  });

  it('refuses a cursor from another query', () => {
    const cursor = encodeCursor(key, 'category=Books');
    expect(() => decodeCursor(cursor!, 'category=Gaming', ['pk', 'sk', 'price'])).toThrow(ValidationError);
  });

  it.each([
    ['garbage', 'not-a-cursor!!'],
    ['JSON that is not an object', Buffer.from('42').toString('base64url')],
    ['a key with other attributes', encodeCursor({ pk: 'x' }, 'q')!],
    ['a key with a non-scalar value', Buffer.from(JSON.stringify({ s: 'x', k: { pk: { S: 'x' } } })).toString('base64url')],
  ])('refuses %s with a 400 validation error', (_name, cursor) => {
    expect(() => decodeCursor(cursor, 'q', ['pk', 'sk', 'price'])).toThrow(ValidationError);
  });
});
