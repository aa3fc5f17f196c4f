import { CURRENCY, type ProductRecord } from '@estore/core/catalog';
import { priceLines } from '@estore/core/order';

const product = (id: string, price: number, name = `Product ${id}`): ProductRecord => ({
  id,
  name,
  description: '',
  category: 'Books',
  price,
  currency: 'usd',
  stock: 10,
  images: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

describe('priceLines', () => {
  it('prices each line at the catalog price in integer cents and sums the amount', () => {
    const priced = priceLines(
      [
        { productId: 'a', count: 3 },
        { productId: 'b', count: 1 },
      ],
      [product('a', 1999, 'Mug'), product('b', 5)],
    );
    expect(priced).toEqual({
      items: [
        { productId: 'a', name: 'Mug', category: 'Books', price: 1999, count: 3, lineTotal: 5997 },
        { productId: 'b', name: 'Product b', category: 'Books', price: 5, count: 1, lineTotal: 5 },
      ],
      amount: 6002,
      currency: CURRENCY,
    });
  });

  it('stays exact where decimal prices would drift (10 + 20 cents is 30, not 0.30000000000000004)', () => {
    const priced = priceLines(
      [
        { productId: 'a', count: 1 },
        { productId: 'b', count: 1 },
      ],
      [product('a', 10), product('b', 20)],
    );
    expect(priced.amount).toBe(30);
    expect(Number.isInteger(priced.amount)).toBe(true);
  });

  it('drops lines whose product was deleted, keeping the order of the rest', () => {
    const priced = priceLines(
      [
        { productId: 'gone', count: 2 },
        { productId: 'b', count: 2 },
        { productId: 'a', count: 1 },
      ],
      [product('a', 100), product('b', 300)],
    );
    expect(priced.items.map((item) => item.productId)).toEqual(['b', 'a']);
    expect(priced.amount).toBe(700);
  });

  it('prices an empty cart at zero', () => {
    expect(priceLines([], [])).toEqual({ items: [], amount: 0, currency: 'usd' });
  });
});
