import type { TransactItem } from '../aws/dynamodb-writes';
import { UNPAID_SK, unpaidPk } from './keys';

/**
 * Each customer's unpaid orders as one string set (`UNPAID#<user>`): the cap on unpaid orders is
 * its size, checked by the write that adds to it, inside the checkout's transaction; every move
 * out of the unpaid states removes the order in its own transaction (docs/data-model.md).
 */
export function holdUnpaidSlot(tableName: string, user: string, orderId: string, cap: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: { PK: unpaidPk(user), SK: UNPAID_SK },
      UpdateExpression: 'ADD orderIds :order',
      ConditionExpression: 'attribute_not_exists(orderIds) OR size(orderIds) < :cap',
      ExpressionAttributeValues: { ':order': new Set([orderId]), ':cap': cap },
    },
  };
}

/** A set DELETE, so doing it twice is harmless. */
export function releaseUnpaidSlot(tableName: string, user: string, orderId: string): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: { PK: unpaidPk(user), SK: UNPAID_SK },
      UpdateExpression: 'DELETE orderIds :order',
      ExpressionAttributeValues: { ':order': new Set([orderId]) },
    },
  };
}
