import { deleteImage } from '../../../src/handlers/delete-image';
import { call, FakeImages, FakeProducts, manager, productRecord } from '../fakes';

const image = {
  slot: 1 as const,
  key: 'products/p1/1',
  contentType: 'image/png',
  uploadedAt: '2026-06-01T00:00:00.000Z',
};

function setUp() {
  const products = new FakeProducts(productRecord({ id: 'p1', images: [image] }));
  const images = new FakeImages();
  const route = deleteImage({ products, images });
  const remove = (id: string) =>
    call(route, {
      method: 'DELETE',
      path: `/product/${id}/image`,
      pathParameters: { id },
      query: { slot: '1' },
      caller: manager,
    });
  return { products, images, remove };
}

describe('DELETE /product/{id}/image', () => {
  it('deletes the object, then empties the slot (204)', async () => {
    const { products, images, remove } = setUp();
    const result = await remove('p1');
    expect(result.status).toBe(204);
    expect(images.deleted).toEqual(['products/p1/1']);
    expect(products.records.get('p1')?.images).toEqual([]);
  });

  it('answers 404 for an unknown product, deleting nothing', async () => {
    const { images, remove } = setUp();
    const result = await remove('nope');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Product not found' } });
    expect(images.deleted).toEqual([]);
  });
});
