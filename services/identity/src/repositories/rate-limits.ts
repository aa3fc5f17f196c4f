import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from '@estore/core/aws';

/**
 * Fixed-window counters in the identity table (`RATE#<key>#<window start>`). One conditional
 * ADD per hit, so concurrent requests cannot push a counter past its limit; `ttl` lets DynamoDB
 * drop a window's item once it is over (late deletion is harmless: the key names the window).
 * A fixed window lets a burst straddling two windows reach twice the limit; that is accepted for
 * a limit meant to stop bulk abuse, not to meter exactly.
 */
export class RateLimitRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Counts one hit against `key` in the current window; false (and nothing counted) once `max` hits are in. */
  hit(key: string, max: number, windowSeconds: number, now: number): Promise<boolean> {
    const windowStart = now - (now % windowSeconds);
    return conditionHeld(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `RATE#${key}#${windowStart}` },
          UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :ttl)',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': windowStart + windowSeconds },
        }),
      ),
    );
  }
}
