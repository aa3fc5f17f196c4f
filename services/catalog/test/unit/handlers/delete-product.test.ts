import { ProductUpdates } from '@estore/core/catalog';
import { deleteProduct } from '../../../src/handlers/delete-product';
import { call, customer, FakeImages, FakeProducts, manager, productRecord } from '../fakes';

function setUp() {
  const products = new FakeProducts(productRecord({ id: 'p1' }));
  const images = new FakeImages();
  const route = deleteProduct({ updates: new ProductUpdates(products), images });
  return { products, images, route };
}

const request = (id: string, caller = manager) =>
  ({ method: 'DELETE', path: `/product/${id}`, pathParameters: { id }, caller }) as const;

describe('DELETE /product/{id}', () => {
  it('deletes the product (204), then every image slot, recorded or not', async () => {
    const { products, images, route } = setUp();
    const result = await call(route, request('p1'));
    expect(result.status).toBe(204);
    expect(products.records.has('p1')).toBe(false);
    expect(images.deleted.sort()).toEqual(['products/p1/1', 'products/p1/2', 'products/p1/3']);
  });

  it('still answers 204 when an image cannot be deleted: the product is gone either way', async () => {
    const { images, route } = setUp();
    jest.spyOn(images, 'delete').mockRejectedValueOnce(new Error('S3 is down'));
    expect((await call(route, request('p1'))).status).toBe(204);
  });

  it('answers 404 for an unknown product, deleting no image', async () => {
    const { images, route } = setUp();
    const result = await call(route, request('nope'));
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Product not found' } });
    expect(images.deleted).toEqual([]);
  });

  it('refuses a customer (403)', async () => {
    const { products, route } = setUp();
    expect((await call(route, request('p1', customer))).status).toBe(403);
    expect(products.records.has('p1')).toBe(true);
  });
});
