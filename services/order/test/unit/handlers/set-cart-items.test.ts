import { ValidationError } from '@estore/core/errors';
import { setCartItems } from '../../../src/handlers/set-cart-items';
import { aCart, alice, call } from '../fixtures';

describe('POST /order/create', () => {
  let setCounts: jest.Mock;
  let route: ReturnType<typeof setCartItems>;

  beforeEach(() => {
    setCounts = jest.fn(async () => aCart());
    route = setCartItems({ cartService: { setCounts } });
  });

  const post = (body: unknown) =>
    call(route, { method: 'POST', path: '/order/create', body: JSON.stringify(body), caller: alice });

  it('sets the caller’s counts and answers the cart', async () => {
    await expect(post({ items: [{ productId: 'mug', count: 2 }] })).resolves.toEqual({ status: 200, body: aCart() });
    expect(setCounts).toHaveBeenCalledWith('alice', [{ productId: 'mug', count: 2 }]);
  });

  it('answers 400 UNKNOWN_PRODUCT when the cart service refuses a product the catalog does not have', async () => {
    setCounts.mockRejectedValueOnce(
      new ValidationError(
        'Some products do not exist',
        [{ field: 'items', productId: 'ghost', message: 'no such product' }],
        'UNKNOWN_PRODUCT',
      ),
    );
    await expect(post({ items: [{ productId: 'ghost', count: 1 }] })).resolves.toMatchObject({
      status: 400,
      body: { error: { code: 'UNKNOWN_PRODUCT', details: [{ field: 'items', productId: 'ghost' }] } },
    });
  });

  it('refuses an anonymous caller with 401', async () => {
    const result = await call(route, { method: 'POST', path: '/order/create', body: '{"items":[]}' });
    expect(result.status).toBe(401);
    expect(setCounts).not.toHaveBeenCalled();
  });
});
