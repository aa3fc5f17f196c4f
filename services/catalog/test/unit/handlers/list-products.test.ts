import { listProducts } from '../../../src/handlers/list-products';
import { call, FakeImages, FakeProducts, productRecord } from '../fakes';

describe('GET /products', () => {
  it('answers a page of products in the API shape, with the cursor of the next page', async () => {
    const products = new FakeProducts(productRecord({ id: 'a' }), productRecord({ id: 'b', name: 'Quokka Mug' }));
    const list = jest.spyOn(products, 'list');
    const result = await call(listProducts({ products, images: new FakeImages() }), {
      method: 'GET',
      path: '/products',
      query: { category: 'Books', sort: 'price_asc', limit: '5' },
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      items: [
        expect.objectContaining({ id: 'a', images: [] }),
        expect.objectContaining({ id: 'b', name: 'Quokka Mug' }),
      ],
      nextCursor: null,
    });
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ category: 'Books', sort: 'price_asc', limit: 5 }));
  });

  it('refuses (400) a search with nothing to look up, before reading anything', async () => {
    const products = new FakeProducts();
    const list = jest.spyOn(products, 'list');
    const result = await call(listProducts({ products, images: new FakeImages() }), {
      method: 'GET',
      path: '/products',
      query: { search: '!!!' },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'search' }] } });
    expect(list).not.toHaveBeenCalled();
  });
});
