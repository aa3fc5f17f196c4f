import { ValidationError } from '@estore/core/errors';
import { validate } from '@estore/core/http';
import { cartItemsSchema, locationSchema, orderListQuerySchema, orderRefPathSchema } from '@estore/core/order';

/** The handlers validate with conversion on, as `validate` does; `strict()` must still refuse strings. */
function refusal(schema: Parameters<typeof validate>[0], value: unknown): ValidationError {
  try {
    validate(schema, value, 'input');
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

const items = (...lines: Array<{ productId: unknown; count: unknown }>) => ({ items: lines });

describe('cartItemsSchema', () => {
  it('accepts integer counts from 0 (remove) to 99', () => {
    expect(
      validate(cartItemsSchema, items({ productId: 'p_1', count: 0 }, { productId: 'p-2', count: 99 }), 'body'),
    ).toEqual(items({ productId: 'p_1', count: 0 }, { productId: 'p-2', count: 99 }));
  });

  it.each([-1, 100, 1.5, '2'])('refuses a count of %p', (count) => {
    expect(refusal(cartItemsSchema, items({ productId: 'p1', count })).details[0].field).toBe('items.0.count');
  });

  it('refuses a product listed twice', () => {
    const error = refusal(cartItemsSchema, items({ productId: 'p1', count: 1 }, { productId: 'p1', count: 2 }));
    expect(error.details[0].message).toBe('each product may appear once in items');
  });

  it('names a repeated product beside the other bad lines', () => {
    const error = refusal(cartItemsSchema, items({ productId: 'p1', count: 1.5 }, { productId: 'p1', count: 2 }));
    expect(error.details.map((detail) => detail.field)).toEqual(['items.0.count', 'items.1']);
  });

  it.each(['', 'has space', 'a/b', 'x'.repeat(65)])('refuses the product id %p', (productId) => {
    expect(refusal(cartItemsSchema, items({ productId, count: 1 })).details[0].field).toBe('items.0.productId');
  });

  it('refuses a body without items', () => {
    expect(refusal(cartItemsSchema, {}).details[0].field).toBe('items');
  });
});

describe('orderRefPathSchema', () => {
  it.each(['cart', `o_${'0123456789abcdef'.repeat(2)}`, 'pi_3PzQx2LkdIwHu7ix0Nq', 'pi_sim_0123456789abcdef'])(
    'accepts %p',
    (intent) => {
      expect(validate(orderRefPathSchema, { intent }, 'path')).toEqual({ intent });
    },
  );

  it.each(['carts', 'o_123', `o_${'A'.repeat(32)}`, `o_${'0'.repeat(33)}`, 'pi_', 'pi_a-b', 'pi_x;drop', 'junk'])(
    'refuses %p',
    (intent) => {
      expect(refusal(orderRefPathSchema, { intent }).details[0].message).toBe(
        'intent must be `cart`, an order id or a payment intent id',
      );
    },
  );
});

describe('orderListQuerySchema', () => {
  it('lists every status, 20 at a time, when nothing is asked', () => {
    expect(validate(orderListQuerySchema, {}, 'query')).toEqual({ status: 'all', limit: 20 });
  });

  it.each(['all', 'pending', 'paid', 'failed', 'canceled', 'shipped', 'delivered'])('accepts status=%s', (status) => {
    expect(validate(orderListQuerySchema, { status }, 'query').status).toBe(status);
  });

  it.each(['PAID', 'PENDING_PAYMENT', 'SHIPPED', 'refunded'])('refuses status=%s', (status) => {
    expect(refusal(orderListQuerySchema, { status }).details[0].field).toBe('status');
  });
});

describe('locationSchema', () => {
  it('accepts a delivery country and trims the address', () => {
    expect(validate(locationSchema, { address: '  1 Main St  ', country: 'US' }, 'location')).toEqual({
      address: '1 Main St',
      country: 'US',
    });
  });

  it('accepts an address of exactly 200 characters', () => {
    const address = 'a'.repeat(200);
    expect(validate(locationSchema, { address, country: 'GB' }, 'location').address).toBe(address);
  });

  it.each([
    ['a blank address', { address: '   ', country: 'US' }, 'address'],
    ['an address over 200 characters', { address: 'a'.repeat(201), country: 'US' }, 'address'],
    ['a country the store does not deliver to', { address: '1 Main St', country: 'XX' }, 'country'],
    ['a missing country', { address: '1 Main St' }, 'country'],
  ])('refuses %s', (_what, location, field) => {
    expect(refusal(locationSchema, location).details.map((detail) => detail.field)).toEqual([field]);
  });

  it('refuses a missing location', () => {
    expect(refusal(locationSchema, undefined).details).toHaveLength(1);
  });
});
