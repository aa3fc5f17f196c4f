import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactItem } from '../aws/dynamodb-writes';
import { categoryPk, PRODUCT_SK, priceSortKey, productPk, termSk } from './keys';
import type { ProductRecord, StockLine } from './product';
import { EDITABLE, type ProductItem, productItem, termItem } from './product-items';
import { searchTerms } from './search-terms';
import { mergeStockLines } from './stock-lines';

// The transaction actions of every product write, built apart from the repository that sends them:
// each carries the condition that must hold under concurrency (the id is new, the version is the
// one read, the stock is there), so the rule is enforced atomically by DynamoDB itself.

/** Creates a product (product item first, then its search entries); refused if the id exists. */
export function createActions(tableName: string, record: ProductRecord): TransactItem[] {
  const terms = searchTerms(record.name);
  return [
    {
      Put: {
        TableName: tableName,
        Item: productItem(record, terms),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    ...terms.map((prefix) => ({ Put: { TableName: tableName, Item: termItem(record, prefix) } })),
  ];
}

/**
 * Writes an edit (product item first, then the search entries that move with it), refused unless
 * the product is still at the version read; a refusal returns the item, telling a deleted product
 * (none) from a moved version.
 */
export function editActions(tableName: string, current: ProductItem, after: ProductRecord): TransactItem[] {
  const oldTerms = current.terms ?? [];
  const newTerms = searchTerms(after.name);
  const keysChanged =
    current.price !== after.price || current.category !== after.category || current.name !== after.name;
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':expected': current.version,
    ':version': after.version,
    ':updatedAt': after.updatedAt,
  };
  const sets = ['#version = :version', '#updatedAt = :updatedAt'];
  for (const field of EDITABLE) {
    if (current[field] === after[field]) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = after[field];
    sets.push(`#${field} = :${field}`);
  }
  if (keysChanged) {
    Object.assign(names, { '#catPk': 'catPk', '#priceSk': 'priceSk', '#terms': 'terms' });
    Object.assign(values, {
      ':catPk': categoryPk(after.category),
      ':priceSk': priceSortKey(after.price, after.id),
      ':terms': newTerms,
    });
    sets.push('#catPk = :catPk', '#priceSk = :priceSk', '#terms = :terms');
  }
  const productUpdate: TransactItem = {
    Update: {
      TableName: tableName,
      Key: { PK: productPk(after.id), SK: PRODUCT_SK },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      // Tells a deleted product (no item) from a moved version.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  if (!keysChanged) return [productUpdate];
  const keep = new Set(newTerms);
  return [
    productUpdate,
    ...oldTerms
      .filter((prefix) => !keep.has(prefix))
      .map((prefix) => ({
        Delete: { TableName: tableName, Key: { PK: productPk(after.id), SK: termSk(prefix) } },
      })),
    ...newTerms.map((prefix) => ({ Put: { TableName: tableName, Item: termItem(after, prefix) } })),
  ];
}

/** Deletes the product item (refused unless still at the version read) and the search entries it names. */
export function deleteActions(tableName: string, current: ProductItem): TransactItem[] {
  return [
    {
      Delete: {
        TableName: tableName,
        Key: { PK: productPk(current.id), SK: PRODUCT_SK },
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': current.version },
      },
    },
    ...(current.terms ?? []).map((prefix) => ({
      Delete: { TableName: tableName, Key: { PK: productPk(current.id), SK: termSk(prefix) } },
    })),
  ];
}

/** See `ProductRepository.reserveStockActions`. */
export function reserveStockActions(tableName: string, lines: StockLine[]): TransactItem[] {
  return mergeStockLines(lines).map((line) => ({
    Update: {
      TableName: tableName,
      Key: { PK: productPk(line.productId), SK: PRODUCT_SK },
      UpdateExpression: 'SET stock = stock - :count, version = version + :one',
      ConditionExpression: `attribute_exists(PK) AND stock >= :count${line.price === undefined ? '' : ' AND price = :price'}`,
      ExpressionAttributeValues: {
        ':count': line.count,
        ':one': 1,
        ...(line.price === undefined ? {} : { ':price': line.price }),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  }));
}

/** See `ProductRepository.releaseStockActions`. */
export function releaseStockActions(tableName: string, lines: StockLine[]): TransactItem[] {
  return mergeStockLines(lines).map((line) => ({
    Update: {
      TableName: tableName,
      Key: { PK: productPk(line.productId), SK: PRODUCT_SK },
      UpdateExpression: 'SET stock = stock + :count, version = version + :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':count': line.count, ':one': 1 },
    },
  }));
}

/**
 * How a guarded product write lost a race: its own condition was refused (the product item is
 * always the first action), or the transaction collided with another one. Undefined for any
 * other failure, which is not a race and is thrown as it is.
 */
export function lostRace(error: unknown): 'refused' | 'collided' | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  if (codes[0] === 'ConditionalCheckFailed') return 'refused';
  if (codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return 'collided';
  return undefined;
}
