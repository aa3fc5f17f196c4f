import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ProductChangedError, type ProductRecord, ProductRepository, patchedFields } from '@estore/core/catalog';

const stored = {
  PK: 'PRODUCT#p1',
  SK: 'PRODUCT',
  type: 'product',
  id: 'p1',
  name: 'Zebra Lamp',
  description: '',
  category: 'Books',
  price: 1000,
  currency: 'usd',
  stock: 10,
  images: {},
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  version: 4,
  terms: ['l', 'la', 'lam', 'lamp', 'z', 'ze', 'zeb', 'zebr', 'zebra'],
};

/** A document client holding one product, whose transactions fail with `failure` (or succeed). */
function client(failure?: Error) {
  const writes: TransactWriteCommand[] = [];
  const db = {
    send: jest.fn(async (command: unknown) => {
      if (command instanceof GetCommand) return { Item: stored };
      if (command instanceof TransactWriteCommand) {
        writes.push(command);
        if (failure) throw failure;
        return {};
      }
      throw new Error('unexpected command');
    }),
  } as unknown as DynamoDBDocumentClient;
  return { db, writes };
}

const cancelled = (...reasons: CancellationReason[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });
/** The edit under test: one unit fewer, everything else as read. */
const takeOne = (current: ProductRecord) => patchedFields(current, { stockAdjustment: -1 });

describe('the repository answers a lost race, and leaves retrying to its caller', () => {
  it('writes an edit guarded by the version read, bumping it', async () => {
    const { db, writes } = client();
    const after = await new ProductRepository(db, 't').edit('p1', takeOne, new Date('2026-06-02T00:00:00.000Z'));
    expect(after).toMatchObject({ stock: 9, version: 5, updatedAt: '2026-06-02T00:00:00.000Z' });
    expect(writes[0].input.TransactItems?.[0].Update).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeValues: { ':expected': 4, ':version': 5, ':stock': 9 },
    });
  });

  it('says the version moved when its condition is refused on a product that still exists', async () => {
    const { db } = client(cancelled({ Code: 'ConditionalCheckFailed', Item: { version: { N: '5' } } }));
    const error = await new ProductRepository(db, 't').edit('p1', takeOne).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProductChangedError);
    expect(error).toMatchObject({ productId: 'p1', reason: 'version-moved' });
  });

  it('answers nothing when the product was deleted before the write', async () => {
    const { db } = client(cancelled({ Code: 'ConditionalCheckFailed' }));
    expect(await new ProductRepository(db, 't').edit('p1', takeOne)).toBeUndefined();
  });

  it('says another transaction collided when the condition was never evaluated', async () => {
    const { db } = client(cancelled({ Code: 'None' }, { Code: 'TransactionConflict' }));
    await expect(new ProductRepository(db, 't').edit('p1', takeOne)).rejects.toMatchObject({ reason: 'collided' });
    await expect(new ProductRepository(db, 't').delete('p1')).rejects.toBeInstanceOf(ProductChangedError);
  });

  it('throws any other failure as it is', async () => {
    const { db } = client(new Error('throttled'));
    await expect(new ProductRepository(db, 't').delete('p1')).rejects.toThrow('throttled');
    await expect(new ProductRepository(db, 't').edit('p1', takeOne)).rejects.toThrow('throttled');
  });

  it('deletes the product with exactly the search entries it names, guarded by the version read', async () => {
    const { db, writes } = client();
    expect(await new ProductRepository(db, 't').delete('p1')).toMatchObject({ id: 'p1', version: 4 });
    const actions = writes[0].input.TransactItems ?? [];
    expect(actions[0].Delete).toMatchObject({ ExpressionAttributeValues: { ':expected': 4 } });
    expect(actions.slice(1).map((action) => action.Delete?.Key?.SK)).toEqual(stored.terms.map((t) => `TERM#${t}`));
  });
});
