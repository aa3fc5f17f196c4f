import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from '@estore/core/aws';

/** Provider events are remembered for 30 days (TTL); Stripe stops retrying after 3. */
const REMEMBER_SECONDS = 30 * 24 * 60 * 60;

/**
 * Which provider events were handled. A delivery claims its event id with a conditional write;
 * a replay (even a concurrent one) finds it claimed and does nothing. A claim that crashed
 * lapses after its lease, so the provider's retry is handled instead of being lost.
 */
export class WebhookEvents {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  claim(eventId: string, now: Date, leaseMs: number): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            id: key(eventId),
            status: 'PROCESSING',
            leaseUntil: now.getTime() + leaseMs,
            expiration: Math.floor(now.getTime() / 1000) + REMEMBER_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(id) OR (#status = :processing AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':processing': 'PROCESSING', ':now': now.getTime() },
        }),
      ),
    );
  }

  /** DONE once handled, PROCESSING while a delivery holds it, undefined when nobody does. */
  async status(eventId: string): Promise<'DONE' | 'PROCESSING' | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { id: key(eventId) }, ConsistentRead: true }),
    );
    return result.Item?.status as 'DONE' | 'PROCESSING' | undefined;
  }

  async complete(eventId: string, outcome: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: key(eventId) },
        UpdateExpression: 'SET #status = :done, outcome = :outcome REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'DONE', ':outcome': outcome },
      }),
    );
  }

  /** Forgets a claim whose handling failed, so the provider's retry is handled at once. */
  async release(eventId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { id: key(eventId) } }));
  }
}

const key = (eventId: string): string => `webhook#${eventId}`;
