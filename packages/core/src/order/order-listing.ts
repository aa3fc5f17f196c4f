import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CursorCodecSource, invalidCursor, type PageKey } from '../pagination/cursor';
import type { Page } from '../pagination/schemas';
import { allShardPks, ORDER_INDEXES, userPk, userStatusPk } from './keys';
import { type OrderRecord, STATUS_FILTERS, type StatusFilter } from './order';
import { type OrderItem, toRecord } from './order-items';

export interface OrderListQuery {
  status: StatusFilter;
  limit: number;
  cursor?: string;
}

/**
 * Lists of orders, newest first, a page at a time with signed cursors: a customer's own (one
 * partition of the byUser or byUserStatus index), and the whole store's for staff, merged from
 * the shards of byShard / byStatusShard (keys.ts). Every page is a fixed number of Queries,
 * whatever the number of orders.
 */
export class OrderListing {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: CursorCodecSource,
  ) {}

  /** One customer's orders, optionally of one status. */
  async listForUser(user: string, query: OrderListQuery): Promise<Page<OrderRecord>> {
    return this.listPartition(user, query, JSON.stringify(['orders', user, query.status]));
  }

  /** Every customer's orders (staff), or one customer's when `user` is given. */
  async listAll(query: OrderListQuery & { user?: string }): Promise<Page<OrderRecord>> {
    if (query.user)
      return this.listPartition(query.user, query, JSON.stringify(['staff-orders', query.user, query.status]));
    const index = query.status === 'all' ? ORDER_INDEXES.byShard : ORDER_INDEXES.byStatusShard;
    const scope = JSON.stringify(['staff-orders', query.status]);
    const cursors = await this.cursors();
    // The sort key (`<createdAt>#<orderId>`) is unique across shards, so one position resumes every shard.
    const after = cursors.decode(query.cursor, scope, ['after'])?.after as string | undefined;
    const partitions = allShardPks(query.status === 'all' ? undefined : STATUS_FILTERS[query.status]);
    const pages = await Promise.all(
      partitions.map((partition) =>
        this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index.name,
            KeyConditionExpression: after ? '#pk = :pk AND #sk < :after' : '#pk = :pk',
            // DynamoDB refuses a name the expression does not use: #sk only past the first page.
            ExpressionAttributeNames: { '#pk': index.pk, ...(after ? { '#sk': index.sk } : {}) },
            ExpressionAttributeValues: { ':pk': partition, ...(after ? { ':after': after } : {}) },
            ScanIndexForward: false,
            // The newest `limit` of the store are among the newest `limit` of each shard.
            Limit: query.limit,
          }),
        ),
      ),
    );
    const merged = pages
      .flatMap((page) => (page.Items ?? []) as OrderItem[])
      .sort((a, b) => b.userSk.localeCompare(a.userSk));
    const items = merged.slice(0, query.limit);
    const more = merged.length > query.limit || pages.some((page) => page.LastEvaluatedKey);
    const last = items.at(-1);
    return {
      items: items.map(toRecord),
      nextCursor: more && last ? cursors.encode({ after: last.userSk }, scope) : null,
    };
  }

  private async listPartition(user: string, query: OrderListQuery, scope: string): Promise<Page<OrderRecord>> {
    const index = query.status === 'all' ? ORDER_INDEXES.byUser : ORDER_INDEXES.byUserStatus;
    const partition = query.status === 'all' ? userPk(user) : userStatusPk(user, STATUS_FILTERS[query.status]);
    const cursors = await this.cursors();
    const startKey = cursors.decode(query.cursor, scope, ['PK', 'SK', index.pk, index.sk]);
    if (
      startKey &&
      (startKey[index.pk] !== partition || Object.values(startKey).some((value) => typeof value !== 'string'))
    ) {
      throw invalidCursor();
    }
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: ((result.Items ?? []) as OrderItem[]).map(toRecord),
      nextCursor: cursors.encode(result.LastEvaluatedKey as PageKey | undefined, scope),
    };
  }
}
