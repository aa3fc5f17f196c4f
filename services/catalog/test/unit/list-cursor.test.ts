import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ProductListQuery, ProductRepository as Repository } from '@estore/core/catalog';
import { ValidationError } from '@estore/core/errors';
import { createCursorCodec } from '@estore/core/pagination';

/** A document client that records each Query and answers with one fixed page. */
function fakeDb(lastEvaluatedKey?: Record<string, string>) {
  const inputs: Array<Record<string, unknown>> = [];
  const db = {
    send: jest.fn(async (command: { input: Record<string, unknown> }) => {
      inputs.push(command.input);
      return { Items: [], LastEvaluatedKey: lastEvaluatedKey };
    }),
  } as unknown as DynamoDBDocumentClient;
  return { db, inputs };
}

const cursors = createCursorCodec('unit-test-cursor-signing-key');
/** The repository with the test's signing key. */
class ProductRepository extends Repository {
  constructor(db: DynamoDBDocumentClient, table: string) {
    super(db, table, async () => cursors);
  }
}
const encodeCursor = (key: Record<string, string>, scope: string) => cursors.encode(key, scope);

const pageKey = { PK: 'PRODUCT#a', SK: 'PRODUCT', catPk: 'CAT#Books', priceSk: '000000000100#a' };
const books: ProductListQuery = { category: 'Books', sort: 'price_asc', limit: 5 };

async function cursorFor(query: ProductListQuery): Promise<string> {
  const { db } = fakeDb(pageKey);
  const page = await new ProductRepository(db, 't').list(query);
  if (!page.nextCursor) throw new Error('expected a cursor');
  return page.nextCursor;
}

describe('list cursors', () => {
  it('gives no cursor on the last page', async () => {
    const { db } = fakeDb(undefined);
    expect((await new ProductRepository(db, 't').list(books)).nextCursor).toBeNull();
  });

  it('resumes the same query exactly where the previous page stopped', async () => {
    const cursor = await cursorFor(books);
    const { db, inputs } = fakeDb(undefined);
    await new ProductRepository(db, 't').list({ ...books, cursor });
    expect(inputs[0]).toMatchObject({
      IndexName: 'byCategoryPrice',
      ExclusiveStartKey: pageKey,
      ScanIndexForward: true,
      Limit: 5,
    });
    expect(JSON.stringify(cursor)).not.toContain('PRODUCT#'); // opaque to clients
  });

  it.each<[string, Partial<ProductListQuery>]>([
    ['another category', { category: 'Gaming' }],
    ['another sort', { sort: 'price_desc' }],
    ['a search', { search: 'lamp' }],
  ])('refuses a cursor replayed on %s', async (_what, change) => {
    const cursor = await cursorFor(books);
    const { db, inputs } = fakeDb(undefined);
    await expect(new ProductRepository(db, 't').list({ ...books, ...change, cursor })).rejects.toThrow(ValidationError);
    expect(inputs).toHaveLength(0);
  });

  it('refuses a tampered cursor before reaching DynamoDB', async () => {
    const cursor = await cursorFor(books);
    const [payload, signature] = cursor.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, string>;
    decoded.PK = 'PRODUCT#other';
    decoded.extra = 'x';
    const tampered = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    const { db, inputs } = fakeDb(undefined);
    await expect(new ProductRepository(db, 't').list({ ...books, cursor: tampered })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'cursor' }],
    });
    await expect(new ProductRepository(db, 't').list({ ...books, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      status: 400,
    });
    expect(inputs).toHaveLength(0);
  });

  it('refuses a correctly signed cursor for another partition (should the key ever leak)', async () => {
    const scope = JSON.stringify(['products', 'Books', null, 'price_asc']);
    const forged = encodeCursor({ ...pageKey, catPk: 'CAT#Gaming' }, scope) ?? '';
    const { db, inputs } = fakeDb(undefined);
    await new ProductRepository(db, 't').list({ ...books, cursor: encodeCursor(pageKey, scope) ?? '' }); // the genuine shape is accepted
    await expect(new ProductRepository(db, 't').list({ ...books, cursor: forged })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'cursor' }],
    });
    expect(inputs).toHaveLength(1);
  });

  it('queries the search entries of the longest word and filters on the other words', async () => {
    const { db, inputs } = fakeDb(undefined);
    await new ProductRepository(db, 't').list({ search: 'zeb Quantum', sort: 'newest', limit: 10 });
    expect(inputs[0]).toMatchObject({
      IndexName: 'allByNewest',
      ScanIndexForward: false,
      ExpressionAttributeValues: { ':pk': 'SEARCH#quantum', ':w0': ' zeb' },
      FilterExpression: 'contains(#text, :w0)',
    });
  });
});

describe('the work one search page may cost', () => {
  /** Every Query returns `limit` entries of products whose names do not match, and always has more. */
  function unluckySearchDb() {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    let n = 0;
    const db = {
      send: jest.fn(async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        if (command.constructor.name === 'QueryCommand') {
          const limit = command.input.Limit as number;
          const items = Array.from({ length: limit }, () => ({ productId: `p${n++}` }));
          return {
            Items: items,
            LastEvaluatedKey: { PK: `PRODUCT#p${n}`, SK: 'TERM#zeb', allPk: 'SEARCH#zeb', newestSk: `2026#p${n}` },
          };
        }
        const keys = Object.values(command.input.RequestItems as Record<string, { Keys: Array<{ PK: string }> }>)[0]
          .Keys;
        // The entries outlived a rename: the products no longer match the search.
        return { Responses: { t: keys.map(({ PK }) => ({ id: PK.slice(8), name: 'Something Else', images: {} })) } };
      }),
    } as unknown as DynamoDBDocumentClient;
    return { db, sent };
  }

  it('runs at most 2 Queries and 2 BatchGetItems, fetching at most 2 x limit products, and still hands back a cursor', async () => {
    const { db, sent } = unluckySearchDb();
    const page = await new ProductRepository(db, 't').list({ search: 'zeb', sort: 'newest', limit: 100 });
    const queries = sent.filter((c) => c.name === 'QueryCommand');
    const batches = sent.filter((c) => c.name === 'BatchGetCommand');
    expect(queries).toHaveLength(2);
    expect(batches).toHaveLength(2);
    const fetched = batches.reduce(
      (sum, c) => sum + Object.values(c.input.RequestItems as Record<string, { Keys: unknown[] }>)[0].Keys.length,
      0,
    );
    expect(fetched).toBeLessThanOrEqual(200);
    expect(page.items).toEqual([]);
    // The next page resumes exactly after the last entry read.
    const { db: next, sent: resumed } = unluckySearchDb();
    await new ProductRepository(next, 't').list({
      search: 'zeb',
      sort: 'newest',
      limit: 100,
      cursor: page.nextCursor!,
    });
    expect(resumed[0].input.ExclusiveStartKey).toEqual({
      PK: 'PRODUCT#p200',
      SK: 'TERM#zeb',
      allPk: 'SEARCH#zeb',
      newestSk: '2026#p200',
    });
  });
});
