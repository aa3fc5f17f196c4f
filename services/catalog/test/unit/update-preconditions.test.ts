import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProductRepository, ProductUpdates } from '@estore/core/catalog';
import { PreconditionRequiredError, ValidationError } from '@estore/core/errors';

// These refusals come before any read: a client that fails the test if it is ever called.
const untouchable = {
  send: () => Promise.reject(new Error('DynamoDB must not be called')),
} as unknown as DynamoDBDocumentClient;
const repo = new ProductUpdates(new ProductRepository(untouchable, 'products'));

describe('product update preconditions', () => {
  it('refuses to set stock outright without If-Match (428)', async () => {
    const error = await repo.update('p1', { stock: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionRequiredError);
    expect(error).toMatchObject({ status: 428, code: 'PRECONDITION_REQUIRED' });
  });

  it('refuses stock and stockAdjustment together (400)', async () => {
    const error = await repo
      .update('p1', { stock: 3, stockAdjustment: 1 }, { ifMatch: { any: true } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, details: [{ field: 'stockAdjustment' }] });
  });
});
