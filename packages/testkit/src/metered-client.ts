import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '@estore/core/aws';

/** Asks DynamoDB for the capacity of every call and adds it up. */
export function meteredClient(): { db: DynamoDBDocumentClient; take(): number } {
  const db = createDynamoDbDocumentClient();
  let units = 0;
  db.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (
        result.output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }
      ).ConsumedCapacity;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
        units += entry.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'consumedCapacity' },
  );
  return {
    db,
    take: () => {
      const value = units;
      units = 0;
      return value;
    },
  };
}
