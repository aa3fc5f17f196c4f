import { conditionHeld } from '@estore/core';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** A claim left pending this long belongs to a registration that died half way; it may be taken over. */
export const STALE_CLAIM_SECONDS = 10 * 60;

export type ClaimResult = 'claimed' | 'taken';

/**
 * Email uniqueness, which Cognito cannot enforce while users sign in by username: one item per
 * email, written with a condition before the user is created, so two registrations racing for
 * one address cannot both win. The same item maps an email to its username at login (GetItem).
 */
export class EmailClaimRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(email: string, username: string, now: number): Promise<ClaimResult> {
    const claimed = await conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: claimKey(email), username, status: 'pending', claimedAt: now, ttl: now + STALE_CLAIM_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':stale': now - STALE_CLAIM_SECONDS },
        }),
      ),
    );
    return claimed ? 'claimed' : 'taken';
  }

  /** The user exists: the claim becomes permanent (no TTL). */
  async activate(email: string, username: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: claimKey(email) },
        UpdateExpression: 'SET #status = :active REMOVE #ttl',
        ConditionExpression: 'username = :username',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':active': 'active', ':username': username },
      }),
    );
  }

  /** Gives a claim back when the user could not be created; only the claimant's own claim. */
  async release(email: string, username: string): Promise<void> {
    // A claim that is no longer this user's pending one is not ours to give back.
    await conditionHeld(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: claimKey(email) },
          ConditionExpression: 'username = :username AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':username': username, ':pending': 'pending' },
        }),
      ),
    );
  }

  /** Seeding: claims an email for a user that already exists, unless someone else holds it. */
  async ensureActive(email: string, username: string, now: number): Promise<void> {
    const claimed = await conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: claimKey(email), username, status: 'active', claimedAt: now },
          ConditionExpression: 'attribute_not_exists(pk) OR username = :username',
          ExpressionAttributeValues: { ':username': username },
        }),
      ),
    );
    if (!claimed) throw new Error(`${email} is already claimed by another user`);
  }

  async usernameFor(email: string): Promise<string | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: claimKey(email) }, ConsistentRead: true }));
    const username = result.Item?.username as unknown;
    return typeof username === 'string' ? username : undefined;
  }
}

const claimKey = (email: string): string => `EMAIL#${email.trim().toLowerCase()}`;
