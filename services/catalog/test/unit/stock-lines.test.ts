import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { classifyReservationFailure, mergeStockLines, ProductRepository, stockConflict } from '@estore/core/catalog';
import { ConflictError } from '@estore/core/errors';

// Building actions never touches DynamoDB.
const repo = new ProductRepository({} as DynamoDBDocumentClient, 'products');

type Reason = CancellationReason;
const cancelled = (...reasons: Reason[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });
const refused = (stock: number, price: number): Reason => ({
  Code: 'ConditionalCheckFailed',
  Item: { stock: { N: String(stock) }, price: { N: String(price) } },
});

describe('mergeStockLines', () => {
  it('merges duplicate products, summing counts in first-occurrence order', () => {
    expect(
      mergeStockLines([
        { productId: 'b', count: 1 },
        { productId: 'a', count: 2 },
        { productId: 'b', count: 3 },
      ]),
    ).toEqual([
      { productId: 'b', count: 4 },
      { productId: 'a', count: 2 },
    ]);
  });

  it('keeps a price, and refuses one product at two prices', () => {
    expect(
      mergeStockLines([
        { productId: 'a', count: 1, price: 500 },
        { productId: 'a', count: 1, price: 500 },
      ]),
    ).toEqual([{ productId: 'a', count: 2, price: 500 }]);
    expect(
      mergeStockLines([
        { productId: 'a', count: 1 },
        { productId: 'a', count: 1, price: 500 },
      ]),
    ).toEqual([{ productId: 'a', count: 2, price: 500 }]);
    expect(() =>
      mergeStockLines([
        { productId: 'a', count: 1, price: 500 },
        { productId: 'a', count: 1, price: 600 },
      ]),
    ).toThrow(RangeError);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a count of %p', (count) => {
    expect(() => mergeStockLines([{ productId: 'a', count }])).toThrow(RangeError);
  });

  it('does not change the lines it was given', () => {
    const lines = [
      { productId: 'a', count: 1 },
      { productId: 'a', count: 1 },
    ];
    mergeStockLines(lines);
    expect(lines).toEqual([
      { productId: 'a', count: 1 },
      { productId: 'a', count: 1 },
    ]);
  });
});

describe('stock actions', () => {
  it('reserves one merged line per product, guarded by stock and bumping the version', () => {
    const actions = repo.reserveStockActions([
      { productId: 'a', count: 1 },
      { productId: 'b', count: 2 },
      { productId: 'a', count: 2 },
    ]);
    expect(actions).toEqual([
      {
        Update: {
          TableName: 'products',
          Key: { PK: 'PRODUCT#a', SK: 'PRODUCT' },
          UpdateExpression: 'SET stock = stock - :count, version = version + :one',
          ConditionExpression: 'attribute_exists(PK) AND stock >= :count',
          ExpressionAttributeValues: { ':count': 3, ':one': 1 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      expect.objectContaining({
        Update: expect.objectContaining({
          Key: { PK: 'PRODUCT#b', SK: 'PRODUCT' },
          ExpressionAttributeValues: { ':count': 2, ':one': 1 },
        }),
      }),
    ]);
  });

  it('adds a price guard to a line that names its price', () => {
    const [action] = repo.reserveStockActions([{ productId: 'a', count: 1, price: 1999 }]);
    expect(action.Update).toMatchObject({
      ConditionExpression: 'attribute_exists(PK) AND stock >= :count AND price = :price',
      ExpressionAttributeValues: { ':count': 1, ':one': 1, ':price': 1999 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('releases merged lines, bumping the version, for products that still exist', () => {
    expect(
      repo.releaseStockActions([
        { productId: 'a', count: 1 },
        { productId: 'a', count: 4 },
      ]),
    ).toEqual([
      {
        Update: {
          TableName: 'products',
          Key: { PK: 'PRODUCT#a', SK: 'PRODUCT' },
          UpdateExpression: 'SET stock = stock + :count, version = version + :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':count': 5, ':one': 1 },
        },
      },
    ]);
  });

  it('refuses to build actions for a bad count', () => {
    expect(() => repo.reserveStockActions([{ productId: 'a', count: 0 }])).toThrow(RangeError);
    expect(() => repo.releaseStockActions([{ productId: 'a', count: -2 }])).toThrow(RangeError);
  });
});

describe('classifyReservationFailure', () => {
  const lines = [
    { productId: 'short', count: 5, price: 100 },
    { productId: 'gone', count: 1 },
    { productId: 'repriced', count: 1, price: 200 },
    { productId: 'fine', count: 1, price: 300 },
  ];

  it('names short and deleted products, and those whose price moved, reading reasons after the offset', () => {
    const error = cancelled({ Code: 'None' }, refused(2, 150), { Code: 'ConditionalCheckFailed' }, refused(9, 250), {
      Code: 'None',
    });
    expect(classifyReservationFailure(error, lines, 1)).toEqual({
      short: [
        { field: 'items', productId: 'short', requested: 5, available: 2, message: 'not enough stock' },
        { field: 'items', productId: 'gone', requested: 1, available: 0, message: 'product no longer exists' },
      ],
      priceChanged: ['repriced'],
    });
  });

  it('says nothing when another item of the transaction failed, or the error is not a cancellation', () => {
    expect(
      classifyReservationFailure(
        cancelled({ Code: 'ConditionalCheckFailed' }, { Code: 'None' }),
        [{ productId: 'a', count: 1 }],
        1,
      ),
    ).toBeUndefined();
    expect(classifyReservationFailure(new Error('network'), lines)).toBeUndefined();
  });

  it('lines up with the actions when given unmerged lines', () => {
    const error = cancelled({ Code: 'None' }, refused(1, 100));
    expect(
      classifyReservationFailure(error, [
        { productId: 'a', count: 1 },
        { productId: 'b', count: 1 },
        { productId: 'a', count: 1 },
      ])?.short,
    ).toEqual([expect.objectContaining({ productId: 'b', requested: 1, available: 1 })]);
  });

  it('keeps stockConflict as the INSUFFICIENT_STOCK 409 for short lines only', () => {
    const conflict = stockConflict(cancelled(refused(0, 100)), [{ productId: 'a', count: 1 }]);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_STOCK',
      details: [{ productId: 'a', requested: 1, available: 0 }],
    });
    expect(stockConflict(cancelled(refused(5, 100)), [{ productId: 'a', count: 1, price: 90 }])).toBeUndefined();
  });
});
