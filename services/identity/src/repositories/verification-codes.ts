import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from '@estore/core/aws';
import { recordExpiry, type VerificationRecord } from '../domain/verification';

/**
 * One item per user with the hash of the current code, its expiry, wrong attempts and the send
 * counters. Every write is conditional, so concurrent requests cannot slip past a limit.
 */
export class VerificationCodeRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(username: string): Promise<VerificationRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: codeKey(username) }, ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, ttl: _ttl, ...record } = result.Item;
    return record as VerificationRecord;
  }

  /** Stores a newly issued code unless another send got there first (then false). */
  saveIssued(record: VerificationRecord): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: codeKey(record.username), ...record, ttl: recordExpiry(record) },
          ConditionExpression: record.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
          ExpressionAttributeValues: record.version === 1 ? undefined : { ':previous': record.version - 1 },
        }),
      ),
    );
  }

  /**
   * Spends one attempt on this very code before it is compared, so parallel guesses cannot
   * exceed the limit. False when the code is locked, used or replaced meanwhile.
   */
  spendAttempt(username: string, codeHash: string, maxAttempts: number): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: codeKey(username) },
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: 'codeHash = :hash AND attempts < :max',
          ExpressionAttributeValues: { ':one': 1, ':hash': codeHash, ':max': maxAttempts },
        }),
      ),
    );
  }

  /** A used code cannot be used again; the send counters stay for the rate limit. */
  async markUsed(username: string, codeHash: string): Promise<void> {
    // Replaced or already used meanwhile: either way this code can no longer be used.
    await conditionHeld(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: codeKey(username) },
          UpdateExpression: 'REMOVE codeHash, salt',
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':hash': codeHash },
        }),
      ),
    );
  }
}

const codeKey = (username: string): string => `VERIFY#${username}`;
