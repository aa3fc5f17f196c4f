import { createImageUpload } from '../../../src/handlers/create-image-upload';
import { call, customer, FakeProducts, manager, productRecord } from '../fakes';

function setUp() {
  const signUploadForm = jest.fn(async (productId: string, slot: number, fileType: string) => ({
    url: 'https://bucket.test/',
    fields: { key: `products/${productId}/${slot}`, 'Content-Type': fileType },
    key: `products/${productId}/${slot}`,
  }));
  const route = createImageUpload({ products: new FakeProducts(productRecord({ id: 'p1' })), signUploadForm });
  const post = (id: string, caller = manager) =>
    call(route, {
      method: 'POST',
      path: `/product/${id}/image`,
      pathParameters: { id },
      query: { slot: '2' },
      caller,
      body: JSON.stringify({ fileType: 'image/png' }),
    });
  return { signUploadForm, post };
}

describe('POST /product/{id}/image', () => {
  it('answers a presigned form for the slot of an existing product', async () => {
    const { post, signUploadForm } = setUp();
    const result = await post('p1');
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      url: 'https://bucket.test/',
      fields: { key: 'products/p1/2', 'Content-Type': 'image/png' },
      key: 'products/p1/2',
    });
    expect(signUploadForm).toHaveBeenCalledWith('p1', 2, 'image/png');
  });

  it('answers 404 for an unknown product, signing nothing', async () => {
    const { post, signUploadForm } = setUp();
    const result = await post('nope');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Product not found' } });
    expect(signUploadForm).not.toHaveBeenCalled();
  });

  it('refuses a customer (403)', async () => {
    const { post } = setUp();
    expect((await post('p1', customer)).status).toBe(403);
  });
});
