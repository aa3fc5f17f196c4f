import { ValidationError } from '@estore/core/errors';
import { type CartLine, MAX_CART_LINES } from '@estore/core/order';
import { mergeLines, setCounts } from '../../src/domain/cart-lines';

const lines = (count: number): CartLine[] =>
  Array.from({ length: count }, (_, i) => ({ productId: `p${i}`, count: 1 }));

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.code;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('setCounts', () => {
  const cart: CartLine[] = [
    { productId: 'a', count: 1 },
    { productId: 'b', count: 5 },
  ];

  it('sets the count of a line already in the cart, keeping its place', () => {
    expect(setCounts(cart, [{ productId: 'a', count: 3 }])).toEqual([
      { productId: 'a', count: 3 },
      { productId: 'b', count: 5 },
    ]);
  });

  it('sets rather than adds: a smaller count lowers the line', () => {
    expect(setCounts(cart, [{ productId: 'b', count: 2 }])).toContainEqual({ productId: 'b', count: 2 });
  });

  it('adds new products last', () => {
    expect(setCounts(cart, [{ productId: 'c', count: 2 }]).map((line) => line.productId)).toEqual(['a', 'b', 'c']);
  });

  it('removes a line set to 0, and ignores 0 for a product not in the cart', () => {
    expect(
      setCounts(cart, [
        { productId: 'a', count: 0 },
        { productId: 'z', count: 0 },
      ]),
    ).toEqual([{ productId: 'b', count: 5 }]);
  });

  it(`allows ${MAX_CART_LINES} lines and refuses one more with CART_TOO_LARGE`, () => {
    expect(setCounts(lines(MAX_CART_LINES - 1), [{ productId: 'new', count: 1 }])).toHaveLength(MAX_CART_LINES);
    expect(codeOf(() => setCounts(lines(MAX_CART_LINES), [{ productId: 'new', count: 1 }]))).toBe('CART_TOO_LARGE');
  });
});

describe('mergeLines', () => {
  it('keeps the larger count of a product in both carts, whichever side holds it', () => {
    const merged = mergeLines(
      [
        { productId: 'a', count: 5 },
        { productId: 'b', count: 1 },
      ],
      [
        { productId: 'a', count: 2 },
        { productId: 'b', count: 4 },
      ],
    );
    expect(merged).toEqual([
      { productId: 'a', count: 5 },
      { productId: 'b', count: 4 },
    ]);
  });

  it('adds products only the browser cart had, after the saved ones', () => {
    expect(mergeLines([{ productId: 'a', count: 1 }], [{ productId: 'c', count: 2 }])).toEqual([
      { productId: 'a', count: 1 },
      { productId: 'c', count: 2 },
    ]);
  });

  it('never removes a saved line for a browser count of 0', () => {
    expect(
      mergeLines(
        [{ productId: 'a', count: 3 }],
        [
          { productId: 'a', count: 0 },
          { productId: 'n', count: 0 },
        ],
      ),
    ).toEqual([{ productId: 'a', count: 3 }]);
  });

  it('changes nothing more when the same browser cart is merged twice', () => {
    const browser = [
      { productId: 'a', count: 2 },
      { productId: 'c', count: 1 },
    ];
    const once = mergeLines([{ productId: 'a', count: 1 }], browser);
    expect(mergeLines(once, browser)).toEqual(once);
  });

  it('refuses a merge that would pass the line limit with CART_TOO_LARGE', () => {
    expect(codeOf(() => mergeLines(lines(MAX_CART_LINES), [{ productId: 'extra', count: 1 }]))).toBe('CART_TOO_LARGE');
  });
});
