import {
  imageSlotQuerySchema,
  imageUploadBodySchema,
  newProductSchema,
  productListQuerySchema,
  productPatchSchema,
} from '@estore/core/catalog';
import { ValidationError } from '@estore/core/errors';
import { validate } from '@estore/core/http';

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map((d) => String(d.field)).sort();
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('product schemas', () => {
  const valid = { name: 'Zebra Quantum Lamp', category: 'Home & Kitchen', price: 1999, stock: 3 };

  it('accepts a product with integer cents and stock', () => {
    expect(validate(newProductSchema, { ...valid, description: 'Bright' }, 'body')).toEqual({
      ...valid,
      description: 'Bright',
    });
  });

  it('names every bad field at once', () => {
    expect(
      fieldsOf(() => validate(newProductSchema, { name: '', category: 'Toys', price: 19.99, stock: -1 }, 'body')),
    ).toEqual(['category', 'name', 'price', 'stock']);
  });

  it('refuses a zero price, a price sent as a string and a fractional stock', () => {
    expect(fieldsOf(() => validate(newProductSchema, { ...valid, price: 0 }, 'body'))).toEqual(['price']);
    expect(fieldsOf(() => validate(newProductSchema, { ...valid, price: '1999' }, 'body'))).toEqual(['price']);
    expect(fieldsOf(() => validate(newProductSchema, { ...valid, stock: 1.5 }, 'body'))).toEqual(['stock']);
  });

  it('refuses unknown fields such as a client-chosen id', () => {
    expect(fieldsOf(() => validate(newProductSchema, { ...valid, id: 'mine' }, 'body'))).toEqual(['id']);
  });

  it('refuses a name with nothing searchable or too many words to index', () => {
    expect(fieldsOf(() => validate(newProductSchema, { ...valid, name: '!!!' }, 'body'))).toEqual(['name']);
    const wordy = 'alphabetic bravissimo charleston deltoidal echolocate foxtrotted'; // 6 x 10 prefixes
    expect(fieldsOf(() => validate(newProductSchema, { ...valid, name: wordy }, 'body'))).toEqual(['name']);
  });

  it('accepts a signed, non-zero stockAdjustment alone or with other fields', () => {
    expect(validate(productPatchSchema, { stockAdjustment: -2 }, 'body')).toEqual({ stockAdjustment: -2 });
    expect(validate(productPatchSchema, { stockAdjustment: 3, price: 500 }, 'body')).toEqual({
      stockAdjustment: 3,
      price: 500,
    });
  });

  it('refuses a zero, fractional, textual or out-of-range stockAdjustment', () => {
    for (const stockAdjustment of [0, 1.5, '3', 1_000_000_001, -1_000_000_001]) {
      expect(fieldsOf(() => validate(productPatchSchema, { stockAdjustment }, 'body'))).toEqual(['stockAdjustment']);
    }
  });

  it('refuses stock and stockAdjustment together, naming stockAdjustment', () => {
    expect(fieldsOf(() => validate(productPatchSchema, { stock: 1, stockAdjustment: 1 }, 'body'))).toEqual([
      'stockAdjustment',
    ]);
  });

  it('names stockAdjustment beside stock even when stock itself is invalid', () => {
    expect(fieldsOf(() => validate(productPatchSchema, { stock: '5', stockAdjustment: 1 }, 'body'))).toEqual([
      'stock',
      'stockAdjustment',
    ]);
  });

  it('accepts a partial update but not an empty one', () => {
    expect(validate(productPatchSchema, { stock: 0 }, 'body')).toEqual({ stock: 0 });
    expect(fieldsOf(() => validate(productPatchSchema, {}, 'body'))).toEqual(['body']);
  });
});

describe('list query schema', () => {
  it('defaults to the newest 20', () => {
    expect(validate(productListQuerySchema, {}, 'query')).toEqual({ sort: 'newest', limit: 20 });
  });

  it('converts the query string limit and keeps the filters', () => {
    expect(
      validate(
        productListQuerySchema,
        { category: 'Books', search: 'quan', sort: 'price_desc', limit: '100' },
        'query',
      ),
    ).toEqual({
      category: 'Books',
      search: 'quan',
      sort: 'price_desc',
      limit: 100,
    });
  });

  it('treats blank search and category fields as no filter', () => {
    expect(validate(productListQuerySchema, { search: '  ', category: '' }, 'query')).toEqual({
      sort: 'newest',
      limit: 20,
    });
  });

  it('names an unknown category, an unknown sort and an out-of-range limit', () => {
    expect(
      fieldsOf(() => validate(productListQuerySchema, { category: 'Toys', sort: 'cheapest', limit: '101' }, 'query')),
    ).toEqual(['category', 'limit', 'sort']);
    expect(fieldsOf(() => validate(productListQuerySchema, { limit: '0' }, 'query'))).toEqual(['limit']);
  });
});

describe('image schemas', () => {
  it('accepts slots 1 to 3 only', () => {
    expect(validate(imageSlotQuerySchema, { slot: '2' }, 'query')).toEqual({ slot: 2 });
    expect(fieldsOf(() => validate(imageSlotQuerySchema, { slot: '4' }, 'query'))).toEqual(['slot']);
    expect(fieldsOf(() => validate(imageSlotQuerySchema, {}, 'query'))).toEqual(['slot']);
  });

  it('accepts jpeg, png and webp only', () => {
    expect(validate(imageUploadBodySchema, { fileType: 'image/webp' }, 'body')).toEqual({ fileType: 'image/webp' });
    expect(fieldsOf(() => validate(imageUploadBodySchema, { fileType: 'image/gif' }, 'body'))).toEqual(['fileType']);
  });
});
