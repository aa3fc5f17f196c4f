import { createProduct } from '../../../src/handlers/create-product';
import { call, customer, FakeProducts, manager } from '../fakes';

const body = JSON.stringify({ name: 'Zebra Lamp', category: 'Books', price: 1999, stock: 4 });

describe('POST /product', () => {
  it('creates the product (201) and names its first version in the ETag', async () => {
    const products = new FakeProducts();
    const result = await call(createProduct({ products }), { method: 'POST', path: '/product', caller: manager, body });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ name: 'Zebra Lamp', category: 'Books', price: 1999, stock: 4, images: [] });
    expect(result.headers.etag).toBe('"v1"');
    expect(products.records.size).toBe(1);
  });

  it('refuses a customer (403) and creates nothing', async () => {
    const products = new FakeProducts();
    const result = await call(createProduct({ products }), {
      method: 'POST',
      path: '/product',
      caller: customer,
      body,
    });
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(products.records.size).toBe(0);
  });
});
