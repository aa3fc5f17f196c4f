import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../aws/dynamodb-writes';
import { conditionHeld } from '../aws/dynamodb-writes';
import { CART_SK, cartPk } from './keys';
import type { CartLine, StoredCart } from './order';

interface CartItemRow extends StoredCart {
  PK: string;
  SK: string;
  type: 'cart';
}

/**
 * One cart per user, one item each. Every write is conditional on the version read, so two
 * edits at once cannot silently drop each other's lines: the loser re-reads and applies again.
 */
export class CartRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(user: string): Promise<StoredCart | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: cartPk(user), SK: CART_SK }, ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { PK: _pk, SK: _sk, type: _type, ...cart } = result.Item as CartItemRow;
    return cart;
  }

  /** Writes the lines if the cart is still at `expectedVersion` (undefined: still absent). */
  save(user: string, lines: CartLine[], expectedVersion: number | undefined, now: Date): Promise<boolean> {
    const item: CartItemRow = {
      PK: cartPk(user),
      SK: CART_SK,
      type: 'cart',
      user,
      lines,
      version: (expectedVersion ?? 0) + 1,
      updatedAt: now.toISOString(),
    };
    return conditionHeld(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      ),
    );
  }

  /** The Delete that empties the cart in the checkout's transaction, if nobody changed it since. */
  clearAction(user: string, version: number): TransactItem {
    return {
      Delete: {
        TableName: this.tableName,
        Key: { PK: cartPk(user), SK: CART_SK },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': version },
      },
    };
  }
}
