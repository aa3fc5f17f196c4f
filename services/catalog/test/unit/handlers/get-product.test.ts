import { getProduct } from '../../../src/handlers/get-product';
import { call, FakeImages, FakeProducts, productRecord } from '../fakes';

const stored = productRecord({
  id: 'p1',
  version: 3,
  images: [{ slot: 2, key: 'products/p1/2', contentType: 'image/png', uploadedAt: '2026-06-01T00:00:00.000Z' }],
});
const route = getProduct({ products: new FakeProducts(stored), images: new FakeImages() });

describe('GET /product/{id}', () => {
  it('answers the product with loadable image URLs and its version as the ETag, never the version itself', async () => {
    const result = await call(route, { method: 'GET', path: '/product/p1', pathParameters: { id: 'p1' } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      id: 'p1',
      name: 'Zebra Lamp',
      images: [{ slot: 2, url: 'https://images.test/products/p1/2?signed' }],
    });
    expect(result.body).not.toHaveProperty('version');
    expect(result.headers.etag).toBe('"v3"');
  });

  it('answers 404 for an unknown product', async () => {
    const result = await call(route, { method: 'GET', path: '/product/nope', pathParameters: { id: 'nope' } });
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Product not found' } });
  });
});
