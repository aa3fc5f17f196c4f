import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProductRepository, ValidationError, encodeCursor, type ProductListQuery } from '@estore/core';

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
    expect(inputs[0]).toMatchObject({ IndexName: 'byCategoryPrice', ExclusiveStartKey: pageKey, ScanIndexForward: true, Limit: 5 });
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
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string; k: Record<string, string> };
    decoded.k.PK = 'PRODUCT#other';
    decoded.k.extra = 'x';
    const tampered = Buffer.from(JSON.stringify(decoded)).toString('base64url');
    const { db, inputs } = fakeDb(undefined);
    await expect(new ProductRepository(db, 't').list({ ...books, cursor: tampered })).rejects.toMatchObject({ status: 400, details: [{ field: 'cursor' }] });
    await expect(new ProductRepository(db, 't').list({ ...books, cursor: 'not-a-cursor' })).rejects.toMatchObject({ status: 400 });
    expect(inputs).toHaveLength(0);
  });

  it('refuses a hand-made cursor that carries the right fingerprint but another partition', async () => {
    const scope = JSON.stringify(['products', 'Books', null, 'price_asc']);
    const forged = encodeCursor({ ...pageKey, catPk: 'CAT#Gaming' }, scope) ?? '';
    const { db, inputs } = fakeDb(undefined);
    await new ProductRepository(db, 't').list({ ...books, cursor: encodeCursor(pageKey, scope) ?? '' }); // the genuine shape is accepted
    await expect(new ProductRepository(db, 't').list({ ...books, cursor: forged })).rejects.toMatchObject({ status: 400, details: [{ field: 'cursor' }] });
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
