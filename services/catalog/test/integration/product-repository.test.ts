import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  classifyReservationFailure,
  mergeStockLines,
  type NewProduct,
  type ProductListQuery,
  type ProductRecord,
  ProductRepository,
  type ProductSort,
  ProductUpdates,
  parseIfMatch,
  productETag,
  type StockLine,
  searchTerms,
} from '@estore/core/catalog';
import { ConflictError, PreconditionFailedError } from '@estore/core/errors';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { createProductsTable } from './support/products-table';

// Each suite first writes a few dozen products (each a transaction of ~20 items) to DynamoDB Local.
jest.setTimeout(30_000);

let db: DynamoDBDocumentClient;
let repo: ProductRepository;
let updates: ProductUpdates;
let drop: () => Promise<void>;

beforeAll(async () => {
  const table = await createProductsTable('catalog-it');
  db = table.db;
  drop = table.drop;
  repo = new ProductRepository(db, table.tableName, cursorCodecFromEnv);
  updates = new ProductUpdates(repo);
});
afterAll(() => drop());

const base = Date.UTC(2026, 5, 1);
let clock = 0;
/** Creates products one (simulated) second apart, so "newest" has a known order. */
async function make(input: Partial<NewProduct> & { name: string }): Promise<ProductRecord> {
  clock += 1;
  return repo.create({ category: 'Books', price: 1000, stock: 10, ...input }, { now: new Date(base + clock * 1000) });
}

/** Walks every page and returns the ids in the order served, checking the cursor ends with null. */
async function walk(query: Omit<ProductListQuery, 'limit' | 'cursor'>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await repo.list({ ...query, limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((p) => p.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

function expectedOrder(products: ProductRecord[], sort: ProductSort): string[] {
  const sorted = [...products].sort((a, b) => {
    if (sort === 'newest') return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
    const byPrice = a.price - b.price || a.id.localeCompare(b.id);
    return sort === 'price_asc' ? byPrice : -byPrice;
  });
  return sorted.map((p) => p.id);
}

async function itemCollection(id: string): Promise<Array<Record<string, unknown>>> {
  const result = await db.send(
    new QueryCommand({
      TableName: repo.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${id}` },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

describe('product repository on DynamoDB Local', () => {
  const books: ProductRecord[] = [];
  const gaming: ProductRecord[] = [];

  beforeAll(async () => {
    const prices = [500, 1999, 250, 1999, 99999, 1, 740, 1999, 3300, 12, 450, 8000, 60, 1999, 777, 5000, 42];
    for (const [i, price] of prices.entries())
      books.push(await make({ name: `Book ${i} Volume`, category: 'Books', price }));
    for (const [i, price] of [300, 200, 100, 400, 200].entries())
      gaming.push(await make({ name: `Gamepad ${i}`, category: 'Gaming', price }));
  });

  it('reads a product by id, and nothing for an unknown id', async () => {
    const found = await repo.get(books[3].id);
    expect(found).toEqual(books[3]);
    expect(found).toMatchObject({ currency: 'usd', images: [], version: 1, description: '' });
    expect(await repo.get('no-such-product')).toBeUndefined();
  });

  it.each<ProductSort>(['price_asc', 'price_desc', 'newest'])('lists a category in %s order', async (sort) => {
    const page = await repo.list({ category: 'Books', sort, limit: 100 });
    expect(page.items.map((p) => p.id)).toEqual(expectedOrder(books, sort));
    expect(page.nextCursor).toBeNull();
  });

  it.each<ProductSort>(['price_asc', 'price_desc', 'newest'])('lists all products in %s order', async (sort) => {
    const page = await repo.list({ sort, limit: 100 });
    expect(page.items.map((p) => p.id)).toEqual(expectedOrder([...books, ...gaming], sort));
  });

  it.each<[ProductSort, number]>([
    ['price_asc', 1],
    ['price_desc', 4],
    ['newest', 7],
    ['price_asc', 16],
  ])('walks every page of a category (%s, %i a page): every product exactly once, in order', async (sort, limit) => {
    const ids = await walk({ category: 'Books', sort }, limit);
    expect(ids).toEqual(expectedOrder(books, sort));
    expect(new Set(ids).size).toBe(books.length);
  });

  it('walks every page of all products exactly once', async () => {
    const ids = await walk({ sort: 'price_desc' }, 3);
    expect(ids).toEqual(expectedOrder([...books, ...gaming], 'price_desc'));
  });

  it('refuses a cursor from one category on another', async () => {
    const page = await repo.list({ category: 'Books', sort: 'newest', limit: 2 });
    await expect(
      repo.list({ category: 'Gaming', sort: 'newest', limit: 2, cursor: page.nextCursor ?? undefined }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('word-prefix search', () => {
  let lamp: ProductRecord;
  let cheapLamp: ProductRecord;
  let aquanaut: ProductRecord;
  let garden: ProductRecord;

  beforeAll(async () => {
    lamp = await make({ name: 'Zebra Quantum Lamp', category: 'Home & Kitchen', price: 4999 });
    cheapLamp = await make({ name: 'quantum desk LAMP', category: 'Electronics', price: 1500 });
    aquanaut = await make({ name: 'Aquanaut Watch', category: 'Fashion', price: 2000 });
    garden = await make({ name: 'Internationalization Handbook', category: 'Books', price: 3000 });
  });

  it('finds a product by the start of any word, whatever the case', async () => {
    const page = await repo.list({ search: 'QUAN', sort: 'price_asc', limit: 20 });
    expect(page.items.map((p) => p.id)).toEqual([cheapLamp.id, lamp.id]);
    expect(page.items.map((p) => p.id)).not.toContain(aquanaut.id); // "quan" is inside a word, not at its start
  });

  it('combines search with a category and with each sort', async () => {
    expect(
      (await repo.list({ search: 'lamp', category: 'Home & Kitchen', sort: 'newest', limit: 20 })).items.map(
        (p) => p.id,
      ),
    ).toEqual([lamp.id]);
    expect((await repo.list({ search: 'lamp', sort: 'price_desc', limit: 20 })).items.map((p) => p.id)).toEqual([
      lamp.id,
      cheapLamp.id,
    ]);
    expect((await repo.list({ search: 'lamp', sort: 'newest', limit: 20 })).items.map((p) => p.id)).toEqual([
      cheapLamp.id,
      lamp.id,
    ]);
  });

  it('requires every word of a multi-word search to start a word of the name', async () => {
    expect((await repo.list({ search: 'zeb lamp', sort: 'newest', limit: 20 })).items.map((p) => p.id)).toEqual([
      lamp.id,
    ]);
    expect((await repo.list({ search: 'zeb desk', sort: 'newest', limit: 20 })).items).toEqual([]);
  });

  it('matches words longer than the indexed prefix exactly, not only by their first characters', async () => {
    expect((await repo.list({ search: 'internationaliz', sort: 'newest', limit: 20 })).items.map((p) => p.id)).toEqual([
      garden.id,
    ]);
    expect((await repo.list({ search: 'internationalism', sort: 'newest', limit: 20 })).items).toEqual([]);
  });

  it('pages through search results exactly once', async () => {
    const tagged: ProductRecord[] = [];
    for (let i = 0; i < 9; i += 1)
      tagged.push(await make({ name: `Xylotag item ${i}`, category: 'Grocery', price: 100 + ((i * 37) % 11) }));
    const ids = await walk({ search: 'xylo', sort: 'price_asc' }, 2);
    expect(ids).toEqual(expectedOrder(tagged, 'price_asc'));
  });
});

describe('updates and deletes keep the search index in step', () => {
  it('renaming moves the product from the old words to the new ones', async () => {
    const product = await make({ name: 'Walrus Kettle', category: 'Home & Kitchen' });
    const updated = await updates.update(product.id, { name: 'Narwhal Kettle' });
    expect(updated).toMatchObject({ name: 'Narwhal Kettle', version: 2 });
    expect((await repo.list({ search: 'walrus', sort: 'newest', limit: 10 })).items).toEqual([]);
    expect((await repo.list({ search: 'narw', sort: 'newest', limit: 10 })).items.map((p) => p.id)).toEqual([
      product.id,
    ]);
  });

  it('a price or category change re-sorts the product in listings and searches', async () => {
    const a = await make({ name: 'Okapi Mug one', category: 'Grocery', price: 100 });
    const b = await make({ name: 'Okapi Mug two', category: 'Grocery', price: 200 });
    await updates.update(a.id, { price: 300 });
    expect((await repo.list({ search: 'okapi', sort: 'price_asc', limit: 10 })).items.map((p) => p.id)).toEqual([
      b.id,
      a.id,
    ]);
    await updates.update(b.id, { category: 'Gaming' });
    expect(
      (await repo.list({ search: 'okapi', category: 'Gaming', sort: 'newest', limit: 10 })).items.map((p) => p.id),
    ).toEqual([b.id]);
    expect(
      (await repo.list({ search: 'okapi', category: 'Grocery', sort: 'newest', limit: 10 })).items.map((p) => p.id),
    ).toEqual([a.id]);
    expect((await repo.list({ category: 'Gaming', sort: 'newest', limit: 100 })).items.map((p) => p.id)).toContain(
      b.id,
    );
  });

  it('answers an update or a delete of an unknown product with nothing', async () => {
    expect(await updates.update('missing-id', { price: 5 })).toBeUndefined();
    expect(await repo.delete('missing-id')).toBeUndefined();
  });

  it('deleting removes the product and every search entry', async () => {
    const product = await make({ name: 'Pangolin Umbrella', category: 'Fashion' });
    expect((await itemCollection(product.id)).length).toBe(1 + searchTerms(product.name).length);
    expect(await repo.delete(product.id)).toMatchObject({ id: product.id });
    expect(await itemCollection(product.id)).toEqual([]);
    expect((await repo.list({ search: 'pangolin', sort: 'newest', limit: 10 })).items).toEqual([]);
  });

  it('concurrent edits leave the search entries matching the final product', async () => {
    const product = await make({ name: 'Tapir Start', category: 'Books', price: 1000 });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        updates.update(product.id, { name: `Tapir Edit${i} Word${i}`, price: 2000 + i, stockAdjustment: i + 1 }),
      ),
    );
    const final = await repo.get(product.id, { consistent: true });
    if (!final) throw new Error('product vanished');
    expect(final.version).toBe(9);
    expect(final.stock).toBe(10 + 36); // every adjustment counted once, whatever the retries
    const collection = await itemCollection(product.id);
    const terms = collection.filter((item) => item.type === 'term');
    expect(terms.map((t) => String(t.SK).slice('TERM#'.length)).sort()).toEqual(searchTerms(final.name));
    expect(new Set(terms.map((t) => t.priceSk))).toEqual(
      new Set([`${String(final.price).padStart(12, '0')}#${final.id}`]),
    );
  });

  it('an edit keeps concurrent stock changes and images', async () => {
    const product = await make({ name: 'Quokka Lamp', price: 100, stock: 10 });
    await repo.setImage(product.id, {
      slot: 2,
      key: `products/${product.id}/2`,
      contentType: 'image/png',
      uploadedAt: new Date().toISOString(),
    });
    await Promise.all([
      updates.update(product.id, { name: 'Quokka Lantern' }),
      repo.reserveStock([{ productId: product.id, count: 3 }]),
    ]);
    const final = await repo.get(product.id, { consistent: true });
    expect(final).toMatchObject({
      name: 'Quokka Lantern',
      stock: 7,
      images: [{ slot: 2, key: `products/${product.id}/2` }],
    });
  });
});

describe('images and stock', () => {
  it('records an image idempotently and empties the slot', async () => {
    const product = await make({ name: 'Ibis Vase' });
    const image = {
      slot: 1 as const,
      key: `products/${product.id}/1`,
      contentType: 'image/jpeg',
      uploadedAt: '2026-06-01T00:00:00.000Z',
    };
    expect(await repo.setImage(product.id, image)).toBe(true);
    expect(await repo.setImage(product.id, image)).toBe(true);
    expect((await repo.get(product.id))?.images).toEqual([image]);
    expect(await repo.clearImage(product.id, 1)).toBe(true);
    expect((await repo.get(product.id))?.images).toEqual([]);
  });

  it('records no image for a product that does not exist', async () => {
    expect(
      await repo.setImage('ghost', {
        slot: 1,
        key: 'products/ghost/1',
        contentType: 'image/png',
        uploadedAt: '2026-06-01T00:00:00.000Z',
      }),
    ).toBe(false);
    expect(await repo.get('ghost')).toBeUndefined();
  });

  it('never sells more than the stock under concurrent reservations', async () => {
    const product = await make({ name: 'Scarce Gadget', stock: 5 });
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, () => repo.reserveStock([{ productId: product.id, count: 1 }])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect((await repo.get(product.id, { consistent: true }))?.stock).toBe(0);
  });

  it('reserves all lines or none, naming each short product', async () => {
    const plenty = await make({ name: 'Plenty Thing', stock: 10 });
    const few = await make({ name: 'Few Thing', stock: 1 });
    const error = await repo
      .reserveStock([
        { productId: plenty.id, count: 2 },
        { productId: few.id, count: 3 },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: [{ productId: few.id, requested: 3, available: 1 }],
    });
    expect((await repo.get(plenty.id, { consistent: true }))?.stock).toBe(10);
  });
});

/** Reserves the lines in one transaction, as checkout does; resolves to the classified failure, if any. */
async function reserve(lines: StockLine[]) {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: repo.reserveStockActions(lines) }));
    return undefined;
  } catch (error) {
    const failure = classifyReservationFailure(error, mergeStockLines(lines));
    if (!failure) throw error;
    return failure;
  }
}

const stockOf = async (id: string) => (await repo.get(id, { consistent: true }))?.stock;
const versionOf = async (id: string) => (await repo.get(id, { consistent: true }))?.version;
const tagOf = (version: number) => parseIfMatch(productETag(version));

describe('versions: every write moves the ETag', () => {
  it('bumps the version on edits, images, reservations and releases', async () => {
    const product = await make({ name: 'Marmot Clock', stock: 10 });
    expect(product.version).toBe(1);
    await repo.setImage(product.id, {
      slot: 1,
      key: `products/${product.id}/1`,
      contentType: 'image/png',
      uploadedAt: '2026-06-01T00:00:00.000Z',
    });
    expect(await versionOf(product.id)).toBe(2);
    await repo.clearImage(product.id, 1);
    expect(await versionOf(product.id)).toBe(3);
    await repo.reserveStock([{ productId: product.id, count: 2 }]);
    expect(await versionOf(product.id)).toBe(4);
    await db.send(
      new TransactWriteCommand({ TransactItems: repo.releaseStockActions([{ productId: product.id, count: 2 }]) }),
    );
    expect(await versionOf(product.id)).toBe(5);
    expect(await updates.update(product.id, { description: 'Ticks' })).toMatchObject({ version: 6 });
    expect(await repo.get(product.id, { consistent: true })).toMatchObject({
      version: 6,
      stock: 10,
      description: 'Ticks',
    });
  });

  it('reserves merged duplicate lines as one, all or nothing', async () => {
    const product = await make({ name: 'Dupe Widget', stock: 3 });
    expect(
      await reserve([
        { productId: product.id, count: 2 },
        { productId: product.id, count: 2 },
      ]),
    ).toMatchObject({
      short: [{ productId: product.id, requested: 4, available: 3 }],
      priceChanged: [],
    });
    expect(
      await reserve([
        { productId: product.id, count: 1 },
        { productId: product.id, count: 2 },
      ]),
    ).toBeUndefined();
    expect(await stockOf(product.id)).toBe(0);
  });
});

describe('price-guarded reservations', () => {
  it('refuses the whole reservation with priceChanged when a price moved since it was read', async () => {
    const moved = await make({ name: 'Repriced Lamp', price: 1000, stock: 5 });
    const steady = await make({ name: 'Steady Lamp', price: 700, stock: 5 });
    await updates.update(moved.id, { price: 1200 });
    const failure = await reserve([
      { productId: steady.id, count: 1, price: 700 },
      { productId: moved.id, count: 1, price: 1000 },
    ]);
    expect(failure).toEqual({ short: [], priceChanged: [moved.id] });
    expect([await stockOf(moved.id), await stockOf(steady.id)]).toEqual([5, 5]);
    expect(await reserve([{ productId: moved.id, count: 1, price: 1200 }])).toBeUndefined();
    expect(await stockOf(moved.id)).toBe(4);
  });

  it('reports a short line as short even when its price moved too', async () => {
    const product = await make({ name: 'Scarce Repriced', price: 1000, stock: 1 });
    await updates.update(product.id, { price: 900 });
    expect(await reserve([{ productId: product.id, count: 2, price: 1000 }])).toEqual({
      short: [{ field: 'items', productId: product.id, requested: 2, available: 1, message: 'not enough stock' }],
      priceChanged: [],
    });
  });
});

describe('stock edits never undo a reservation', () => {
  it('refuses (412) a stale If-Match edit made after a reservation, and the reservation survives', async () => {
    const product = await make({ name: 'Stale Form Kettle', stock: 10 });
    await repo.reserveStock([{ productId: product.id, count: 3 }]);
    const error = await updates
      .update(product.id, { stock: 10, price: 5 }, { ifMatch: tagOf(product.version) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(await repo.get(product.id, { consistent: true })).toMatchObject({ stock: 7, price: 1000 });
  });

  it('refuses (412) an If-Match edit when a reservation lands between its read and its write', async () => {
    const product = await make({ name: 'Racing Kettle', stock: 10 });
    let raced = false;
    // The edit's own client: right after the edit reads the product, a checkout reserves stock.
    const racing = {
      send: async (command: GetCommand) => {
        const result = await db.send(command);
        if (command instanceof GetCommand && !raced) {
          raced = true;
          await repo.reserveStock([{ productId: product.id, count: 4 }]);
        }
        return result;
      },
    } as unknown as DynamoDBDocumentClient;
    const editor = new ProductUpdates(new ProductRepository(racing, repo.tableName, cursorCodecFromEnv));
    const error = await editor
      .update(product.id, { stock: 10 }, { ifMatch: tagOf(product.version) })
      .catch((e: unknown) => e);
    expect(raced).toBe(true);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(await repo.get(product.id, { consistent: true })).toMatchObject({ stock: 6, version: 2 });
  });

  it('sets stock with the current ETag or *, bumping the version; 404 (nothing) for an unknown product', async () => {
    const product = await make({ name: 'Current Tag Kettle', stock: 10 });
    expect(await updates.update(product.id, { stock: 4 }, { ifMatch: tagOf(1) })).toMatchObject({
      stock: 4,
      version: 2,
    });
    expect(await updates.update(product.id, { stock: 6 }, { ifMatch: parseIfMatch('*') })).toMatchObject({
      stock: 6,
      version: 3,
    });
    expect(await repo.get(product.id, { consistent: true })).toMatchObject({ stock: 6, version: 3 });
    expect(await updates.update('missing-id', { stock: 1 }, { ifMatch: tagOf(1) })).toBeUndefined();
  });

  it('refuses a malformed If-Match (412) even for an edit that would not need one', async () => {
    const product = await make({ name: 'Malformed Tag Kettle' });
    await expect(
      updates.update(product.id, { description: 'x' }, { ifMatch: parseIfMatch('v1') }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('adjusts stock atomically alongside concurrent reservations and other edits', async () => {
    const product = await make({ name: 'Busy Kettle', stock: 10 });
    await Promise.all([
      ...Array.from({ length: 5 }, () => repo.reserveStock([{ productId: product.id, count: 1 }])),
      updates.update(product.id, { stockAdjustment: 3 }),
      updates.update(product.id, { stockAdjustment: -2, name: 'Busy Teapot' }),
    ]);
    expect(await repo.get(product.id, { consistent: true })).toMatchObject({
      stock: 6,
      name: 'Busy Teapot',
      version: 8,
    });
    expect((await repo.list({ search: 'teapot', sort: 'newest', limit: 10 })).items.map((p) => p.id)).toContain(
      product.id,
    );
  });

  it('never adjusts stock below 0 (409 INSUFFICIENT_STOCK) or above the maximum, changing nothing', async () => {
    const product = await make({ name: 'Bounded Kettle', stock: 2 });
    const short = await updates
      .update(product.id, { stockAdjustment: -3, description: 'nope' })
      .catch((e: unknown) => e);
    expect(short).toBeInstanceOf(ConflictError);
    expect(short).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: [
        { field: 'stockAdjustment', productId: product.id, requested: 3, available: 2, message: 'not enough stock' },
      ],
    });
    await expect(updates.update(product.id, { stockAdjustment: 1_000_000_000 })).rejects.toMatchObject({
      status: 409,
      code: 'STOCK_LIMIT_EXCEEDED',
    });
    expect(await repo.get(product.id, { consistent: true })).toMatchObject({ stock: 2, description: '', version: 1 });
  });
});
