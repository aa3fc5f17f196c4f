import { CATEGORIES, type Product } from '@estore/core/catalog';
import { ApiClient, signInDirect, uniqueName } from '@estore/testkit';
import { clientAs, createProduct, type Role } from './support';

// The first call to each function through serverless-offline includes its cold start.
jest.setTimeout(30_000);

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field?: string; [key: string]: unknown }> };
}
interface PageBody {
  items: Product[];
  nextCursor: string | null;
}

let anonymous: ApiClient;
let customer: ApiClient;
let manager: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  [anonymous, customer, manager, admin] = await Promise.all(
    (['anonymous', 'customer', 'manager', 'admin'] as Role[]).map(clientAs),
  );
});

describe('product writes through the gateway', () => {
  it('lets a manager create, read, update and delete a product', async () => {
    const name = `Zebra Quantum Lamp ${uniqueName('z')}`;
    const created = await manager.post<Product>('/product', {
      name,
      category: 'Home & Kitchen',
      price: 4999,
      stock: 7,
      description: 'Glows',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      description: 'Glows',
      category: 'Home & Kitchen',
      price: 4999,
      currency: 'usd',
      stock: 7,
      images: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    const etag = created.headers.get('etag') ?? '';
    expect(etag).toBe('"v1"');

    const read = await anonymous.get<Product>(`/product/${id}`);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe(etag);

    const updated = await manager.put<Product>(`/product/${id}`, { price: 3999, stock: 0 }, { 'if-match': etag });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).not.toBe(etag);
    expect(updated.body).toMatchObject({ id, name, price: 3999, stock: 0, category: 'Home & Kitchen' });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

    const deleted = await manager.delete(`/product/${id}`);
    expect(deleted.status).toBe(204);
    expect((await anonymous.get<ErrorBody>(`/product/${id}`)).status).toBe(404);
  });

  it('lets the seeded `user` (a manager) create, update and delete a product', async () => {
    const tokens = await signInDirect('user', '123456');
    const user = new ApiClient();
    user.setCookie('AccessToken', tokens.accessToken);
    const product = await createProduct(user, { name: `Seeded user ${uniqueName('u')}` });
    expect((await user.put<Product>(`/product/${product.id}`, { stockAdjustment: 37 })).body.stock).toBe(42);
    expect((await user.delete(`/product/${product.id}`)).status).toBe(204);
  });

  it('lets an admin manage products', async () => {
    const product = await createProduct(admin, { name: `Admin ${uniqueName('p')}` });
    expect((await admin.put(`/product/${product.id}`, { name: 'Renamed by admin' })).status).toBe(200);
    expect((await admin.delete(`/product/${product.id}`)).status).toBe(204);
  });

  it('answers unknown products with 404 on read, update and delete', async () => {
    for (const response of [
      await anonymous.get<ErrorBody>('/product/unknown-id'),
      await manager.put<ErrorBody>('/product/unknown-id', { price: 5 }),
      await manager.delete<ErrorBody>('/product/unknown-id'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('names every bad field of a product', async () => {
    const response = await manager.post<ErrorBody>('/product', { name: '', category: 'Toys', price: 19.99, stock: -1 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d) => d.field).sort()).toEqual(['category', 'name', 'price', 'stock']);
  });
});

describe('stock edits and ETags', () => {
  let product: Product;
  let etag: string;

  beforeEach(async () => {
    product = await createProduct(manager, { name: `Stock edit ${uniqueName('s')}`, stock: 10 });
    etag = (await anonymous.get(`/product/${product.id}`)).headers.get('etag') ?? '';
  });

  /** The product and its ETag as anyone sees them now. */
  async function current(): Promise<{ body: Product; etag: string | null }> {
    const response = await anonymous.get<Product>(`/product/${product.id}`);
    return { body: response.body, etag: response.headers.get('etag') };
  }

  it('sends a strong ETag with the product', () => {
    expect(etag).toMatch(/^"v\d+"$/);
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    await manager.put(`/product/${product.id}`, { stockAdjustment: -1 }); // a checkout-like change moves the ETag
    const before = await current();
    const response = await manager.put<ErrorBody>(
      `/product/${product.id}`,
      { stock: 10, price: 1 },
      { 'if-match': etag },
    );
    expect(response.status).toBe(412);
    expect(response.body.error.code).toBe('PRECONDITION_FAILED');
    expect(await current()).toEqual(before);
    expect(before.body.stock).toBe(9);
  });

  it('refuses a malformed If-Match with 412', async () => {
    const response = await manager.put<ErrorBody>(`/product/${product.id}`, { price: 1 }, { 'if-match': 'v1' });
    expect(response.status).toBe(412);
    expect((await current()).body.price).toBe(product.price);
  });

  it('requires If-Match (428) to set stock outright', async () => {
    const response = await manager.put<ErrorBody>(`/product/${product.id}`, { stock: 3 });
    expect(response.status).toBe(428);
    expect(response.body.error.code).toBe('PRECONDITION_REQUIRED');
    expect((await current()).body.stock).toBe(10);
  });

  it('sets stock with the current ETag and answers with a new one', async () => {
    const response = await manager.put<Product>(`/product/${product.id}`, { stock: 3 }, { 'if-match': etag });
    expect(response.status).toBe(200);
    expect(response.body.stock).toBe(3);
    const fresh = response.headers.get('etag');
    expect(fresh).toMatch(/^"v\d+"$/);
    expect(fresh).not.toBe(etag);
    expect((await current()).etag).toBe(fresh);
  });

  it('adjusts stock by a signed amount without If-Match, moving the ETag each time', async () => {
    const up = await manager.put<Product>(`/product/${product.id}`, { stockAdjustment: 3 });
    expect([up.status, up.body.stock]).toEqual([200, 13]);
    const down = await manager.put<Product>(`/product/${product.id}`, { stockAdjustment: -2, description: 'Adjusted' });
    expect([down.status, down.body.stock, down.body.description]).toEqual([200, 11, 'Adjusted']);
    expect(new Set([etag, up.headers.get('etag'), down.headers.get('etag')]).size).toBe(3);
  });

  it('refuses to take stock below 0 with 409 INSUFFICIENT_STOCK, and changes nothing', async () => {
    const response = await manager.put<ErrorBody>(`/product/${product.id}`, { stockAdjustment: -11 });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: [{ field: 'stockAdjustment', productId: product.id, requested: 11, available: 10 }],
    });
    expect(await current()).toMatchObject({ body: { stock: 10 }, etag });
  });

  it('refuses stock and stockAdjustment together with 400', async () => {
    const response = await manager.put<ErrorBody>(
      `/product/${product.id}`,
      { stock: 1, stockAdjustment: 1 },
      { 'if-match': etag },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d) => d.field)).toEqual(['stockAdjustment']);
  });

  it('answers 404 for an unknown product, also with If-Match', async () => {
    const response = await manager.put<ErrorBody>('/product/unknown-id', { stock: 1 }, { 'if-match': '"v1"' });
    expect(response.status).toBe(404);
  });
});

describe('who may write', () => {
  let product: Product;
  beforeAll(async () => {
    product = await createProduct(manager, { name: `Guarded ${uniqueName('g')}` });
  });

  const writes: Array<[string, (api: ApiClient) => Promise<{ status: number; body: unknown }>]> = [
    ['POST /product', (api) => api.post('/product', { name: 'Nope', category: 'Books', price: 100, stock: 1 })],
    ['PUT /product/{id}', (api) => api.put(`/product/${product.id}`, { stockAdjustment: 1 })],
    ['DELETE /product/{id}', (api) => api.delete(`/product/${product.id}`)],
    ['POST /product/{id}/image', (api) => api.post(`/product/${product.id}/image?slot=1`, { fileType: 'image/png' })],
    ['DELETE /product/{id}/image', (api) => api.delete(`/product/${product.id}/image?slot=1`)],
  ];

  it.each(writes)('%s: anonymous 401, customer 403, and nothing changes', async (_route, call) => {
    const asAnonymous = await call(anonymous);
    expect(asAnonymous.status).toBe(401);
    expect((asAnonymous.body as ErrorBody).error.code).toBe('UNAUTHENTICATED');
    const asCustomer = await call(customer);
    expect(asCustomer.status).toBe(403);
    expect((asCustomer.body as ErrorBody).error.code).toBe('FORBIDDEN');
    expect((await anonymous.get<Product>(`/product/${product.id}`)).body).toMatchObject({ stock: 5, images: [] });
  });

  it.each(writes.filter(([route]) => !route.startsWith('DELETE /product/{id}') || route.includes('image')))(
    '%s: manager and admin are allowed',
    async (_route, call) => {
      for (const api of [manager, admin]) expect([200, 201, 204]).toContain((await call(api)).status);
    },
  );

  it('DELETE /product/{id}: manager and admin are allowed', async () => {
    for (const api of [manager, admin]) {
      const doomed = await createProduct(manager, { name: `Doomed ${uniqueName('d')}` });
      expect((await api.delete(`/product/${doomed.id}`)).status).toBe(204);
    }
  });
});

describe('listing, filtering, sorting, searching and paging', () => {
  const word = uniqueName('okapi'); // a word no other suite uses, to search for
  const made: Product[] = [];

  beforeAll(async () => {
    for (const [i, price] of [700, 300, 900, 100, 500].entries()) {
      made.push(
        await createProduct(manager, { name: `${word} Item${i}`, category: i % 2 === 0 ? 'Gaming' : 'Books', price }),
      );
    }
  });

  it('searches by the start of a word, case-insensitively, sorted by price', async () => {
    const response = await anonymous.get<PageBody>(
      `/products?search=${word.slice(0, -2).toUpperCase()}&sort=price_asc`,
    );
    expect(response.status).toBe(200);
    expect(response.body.items.map((p) => p.price)).toEqual([100, 300, 500, 700, 900]);
    expect(response.body.nextCursor).toBeNull();
  });

  it('combines search with a category and sorts newest first', async () => {
    const response = await anonymous.get<PageBody>(`/products?search=${word}&category=Gaming&sort=newest`);
    expect(response.body.items.map((p) => p.id)).toEqual([made[4].id, made[2].id, made[0].id]);
  });

  it('pages a search with opaque cursors, every product once', async () => {
    const seen: string[] = [];
    let path = `/products?search=${word}&sort=price_desc&limit=2`;
    for (;;) {
      const page = await anonymous.get<PageBody>(path);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p) => p.id));
      if (!page.body.nextCursor) break;
      path = `/products?search=${word}&sort=price_desc&limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`;
    }
    expect(seen).toEqual([made[2], made[0], made[4], made[1], made[3]].map((p) => p.id));
  });

  it('serves the seeded catalog: every category, walked in pages with no product twice', async () => {
    let total = 0;
    for (const category of CATEGORIES) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/products?category=${encodeURIComponent(category)}&sort=price_asc&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await anonymous.get<PageBody>(query);
        expect(page.status).toBe(200);
        for (const [i, item] of page.body.items.entries()) {
          expect(item.category).toBe(category);
          if (i > 0) expect(item.price).toBeGreaterThanOrEqual(page.body.items[i - 1].price);
        }
        ids.push(...page.body.items.map((p) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(20);
      total += ids.length;
    }
    expect(total).toBeGreaterThanOrEqual(200);
  });

  it('lists 20 by default and at most 100', async () => {
    expect((await anonymous.get<PageBody>('/products')).body.items).toHaveLength(20);
    expect((await anonymous.get<PageBody>('/products?limit=100')).body.items).toHaveLength(100);
  });

  it.each([
    ['category=Toys', 'category'],
    ['sort=cheapest', 'sort'],
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['search=%21%21', 'search'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await anonymous.get<ErrorBody>(`/products?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.field)).toContain(field);
  });

  it('refuses a tampered cursor and a cursor from another query with 400', async () => {
    const page = await anonymous.get<PageBody>('/products?category=Books&limit=2');
    const cursor = page.body.nextCursor ?? '';
    const tampered = `${cursor.slice(0, -3)}AAA`;
    for (const path of [
      `/products?category=Books&limit=2&cursor=${tampered}`,
      `/products?category=Gaming&limit=2&cursor=${cursor}`,
      '/products?cursor=garbage',
    ]) {
      const response = await anonymous.get<ErrorBody>(path);
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe('cursor');
    }
  });
});
