import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** Writes actions built by several repositories (across tables) as one all-or-nothing transaction. */
export async function transactWrite(db: DynamoDBDocumentClient, items: TransactItem[]): Promise<void> {
  await db.send(new TransactWriteCommand({ TransactItems: items }));
}

/** A write refused by its ConditionExpression: alone, or as one item of a cancelled transaction. */
export function isConditionalCheckFailure(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');
  }
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/**
 * Runs a conditional write and says whether its condition held. A refused condition is an
 * expected business outcome (taken, stale, already done), not an error; anything else is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
