import { MAX_PRICE, newestSortKey, priceSortKey } from '@estore/core/catalog';

describe('sort keys', () => {
  it('orders prices numerically when compared as strings', () => {
    const prices = [1, 9, 10, 99, 100, 1999, 20000, 123456789, MAX_PRICE];
    const keys = prices.map((price) => priceSortKey(price, 'x'));
    expect([...keys].sort()).toEqual(keys);
    expect(priceSortKey(1999, 'abc')).toBe('000000001999#abc');
  });

  it('breaks price ties by id so every key is unique', () => {
    expect(priceSortKey(500, 'a') < priceSortKey(500, 'b')).toBe(true);
    expect(priceSortKey(500, 'zzz') < priceSortKey(501, 'a')).toBe(true);
  });

  it('refuses a price the key cannot hold', () => {
    expect(() => priceSortKey(MAX_PRICE + 1, 'x')).toThrow(RangeError);
    expect(() => priceSortKey(1.5, 'x')).toThrow(RangeError);
  });

  it('orders creation times chronologically, ties broken by id', () => {
    const early = newestSortKey('2026-01-02T03:04:05.006Z', 'b');
    const later = newestSortKey('2026-01-02T03:04:05.007Z', 'a');
    expect(early < later).toBe(true);
    expect(newestSortKey('2026-01-02T03:04:05.006Z', 'a') < early).toBe(true);
  });
});
