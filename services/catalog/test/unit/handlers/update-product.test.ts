import { ProductUpdates } from '@estore/core/catalog';
import { updateProduct } from '../../../src/handlers/update-product';
import { call, customer, FakeImages, FakeProducts, manager, productRecord } from '../fakes';

function setUp() {
  const products = new FakeProducts(productRecord({ id: 'p1', stock: 10, version: 4 }));
  const route = updateProduct({ updates: new ProductUpdates(products), images: new FakeImages() });
  const put = (body: unknown, headers: Record<string, string> = {}, id = 'p1') =>
    call(route, {
      method: 'PUT',
      path: `/product/${id}`,
      pathParameters: { id },
      caller: manager,
      headers,
      body: JSON.stringify(body),
    });
  return { products, route, put };
}

describe('PUT /product/{id}', () => {
  it('applies the edit and answers the product with its next ETag', async () => {
    const { put } = setUp();
    const result = await put({ price: 1500, stockAdjustment: -3 });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: 'p1', price: 1500, stock: 7 });
    expect(result.headers.etag).toBe('"v5"');
  });

  it('sets stock outright with the current ETag', async () => {
    const { put } = setUp();
    const result = await put({ stock: 2 }, { 'if-match': '"v4"' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ stock: 2 });
  });

  it('refuses to set stock without If-Match (428), changing nothing', async () => {
    const { put, products } = setUp();
    const result = await put({ stock: 2 });
    expect(result.status).toBe(428);
    expect(result.body).toMatchObject({ error: { code: 'PRECONDITION_REQUIRED' } });
    expect(products.records.get('p1')).toMatchObject({ stock: 10, version: 4 });
  });

  it('refuses a stale If-Match (412), changing nothing', async () => {
    const { put, products } = setUp();
    const result = await put({ stock: 2 }, { 'if-match': '"v3"' });
    expect(result.status).toBe(412);
    expect(result.body).toMatchObject({ error: { code: 'PRECONDITION_FAILED' } });
    expect(products.records.get('p1')).toMatchObject({ stock: 10, version: 4 });
  });

  it('refuses to remove more stock than there is (409 INSUFFICIENT_STOCK)', async () => {
    const { put } = setUp();
    const result = await put({ stockAdjustment: -11 });
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({
      error: { code: 'INSUFFICIENT_STOCK', details: [{ field: 'stockAdjustment', requested: 11, available: 10 }] },
    });
  });

  it('answers 404 for an unknown product and 403 for a customer', async () => {
    const { put, route } = setUp();
    expect((await put({ price: 1 }, {}, 'nope')).status).toBe(404);
    const refused = await call(route, {
      method: 'PUT',
      path: '/product/p1',
      pathParameters: { id: 'p1' },
      caller: customer,
      body: JSON.stringify({ price: 1 }),
    });
    expect(refused.status).toBe(403);
  });
});
