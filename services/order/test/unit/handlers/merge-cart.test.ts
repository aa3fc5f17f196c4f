import { mergeCart } from '../../../src/handlers/merge-cart';
import { aCart, alice, call } from '../fixtures';

describe('POST /order/cart', () => {
  let merge: jest.Mock;
  let route: ReturnType<typeof mergeCart>;

  beforeEach(() => {
    merge = jest.fn(async () => aCart());
    route = mergeCart({ cartService: { merge } });
  });

  it('merges the browser’s cart into the caller’s and answers the result', async () => {
    const body = JSON.stringify({ items: [{ productId: 'mug', count: 2 }] });
    const result = await call(route, { method: 'POST', path: '/order/cart', body, caller: alice });

    expect(result).toEqual({ status: 200, body: aCart() });
    expect(merge).toHaveBeenCalledWith('alice', [{ productId: 'mug', count: 2 }]);
  });

  it('refuses a body that is not JSON with 400 MALFORMED_JSON, and merges nothing', async () => {
    const result = await call(route, { method: 'POST', path: '/order/cart', body: '{items', caller: alice });
    expect(result).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(merge).not.toHaveBeenCalled();
  });

  it('refuses an anonymous caller with 401', async () => {
    const result = await call(route, { method: 'POST', path: '/order/cart', body: '{"items":[]}' });
    expect(result.status).toBe(401);
    expect(merge).not.toHaveBeenCalled();
  });
});
