import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from '@estore/core/aws';
import { normalizeEmail } from '../domain/email';

/** A claim left pending this long belongs to a registration that died half way; it may be taken over. */
export const STALE_CLAIM_SECONDS = 10 * 60;

/**
 * How long a registered but unverified address stays claimed. Registering someone else's
 * address must not keep it from its owner for good: after this the owner may register it, and
 * whoever proves the address first (POST /verify) holds it for good.
 */
export const UNVERIFIED_CLAIM_SECONDS = 24 * 60 * 60;

export type ClaimResult = 'claimed' | 'taken';

/**
 * Email uniqueness, which Cognito cannot enforce while users sign in by username: one item per
 * email, written with a condition before the user is created, so two registrations racing for
 * one address cannot both win. The same item maps an email to its username at login (GetItem).
 *
 * A claim is `pending` (registration in progress), `active` (user created, address unproven) or
 * `active` + `verified`. The first two carry `expiresAt`, after which any registration may take
 * the address over. DynamoDB's TTL (`ttl` = `expiresAt`) deletes them only eventually (up to
 * days late), so every condition and read compares `expiresAt` with the clock itself.
 */
export class EmailClaimRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(email: string, username: string, now: number): Promise<ClaimResult> {
    const expiresAt = now + STALE_CLAIM_SECONDS;
    const claimed = await conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: claimKey(email), username, status: 'pending', claimedAt: now, expiresAt, ttl: expiresAt },
          // A verified claim has no expiresAt, so it never passes the second test.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
    return claimed ? 'claimed' : 'taken';
  }

  /** The user exists: the claim holds until the address is verified or the unverified window ends. */
  async activate(email: string, username: string, now: number): Promise<void> {
    const expiresAt = now + UNVERIFIED_CLAIM_SECONDS;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: claimKey(email) },
        UpdateExpression: 'SET #status = :active, expiresAt = :expiresAt, #ttl = :expiresAt',
        ConditionExpression: 'username = :username',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':active': 'active', ':username': username, ':expiresAt': expiresAt },
      }),
    );
  }

  /**
   * The user proved the address: the claim becomes theirs for good. It may be their own claim, a
   * free address, or another account's unverified claim whose window is over (the owner takes it
   * over). False when someone else holds it (verified, or still within their window).
   */
  confirm(email: string, username: string, now: number): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: claimKey(email), username, status: 'active', verified: true, claimedAt: now },
          ConditionExpression: 'attribute_not_exists(pk) OR username = :username OR expiresAt < :now',
          ExpressionAttributeValues: { ':username': username, ':now': now },
        }),
      ),
    );
  }

  /** Gives a claim back when the registration could not finish; only the claimant's own unverified claim. */
  async release(email: string, username: string): Promise<void> {
    // A claim that is no longer this user's, or is verified, is not ours to give back.
    await conditionHeld(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: claimKey(email) },
          ConditionExpression: 'username = :username AND attribute_not_exists(verified)',
          ExpressionAttributeValues: { ':username': username },
        }),
      ),
    );
  }

  /** Seeding and the operator's first admin: a verified claim for a user that already exists, unless someone else holds it. */
  async ensureActive(email: string, username: string, now: number): Promise<void> {
    if (!(await this.confirm(email, username, now))) throw new Error(`${email} is already claimed by another user`);
  }

  /** The username holding the address; an expired claim (not yet deleted by TTL) holds nothing. */
  async usernameFor(email: string, now: number): Promise<string | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: claimKey(email) }, ConsistentRead: true }),
    );
    const item = result.Item;
    if (!item || typeof item.username !== 'string') return undefined;
    if (typeof item.expiresAt === 'number' && item.expiresAt < now) return undefined;
    return item.username;
  }
}

const claimKey = (email: string): string => `EMAIL#${normalizeEmail(email)}`;
