import { type DynamoDBDocumentClient, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from '../aws/dynamodb-writes';
import { duePk, ORDER_SK, orderPk, shardPk, statusShardPk, userPk, userSk, userStatusPk } from './keys';
import type { OrderRecord, OrderStatus } from './order';

/** The order item as stored: the record plus its index keys and leases. */
export interface OrderItem extends OrderRecord {
  PK: string;
  SK: string;
  type: 'order';
  userPk: string;
  userSk: string;
  userStatusPk: string;
  shardPk: string;
  statusShardPk: string;
  duePk?: string;
  /** Per email fact, epoch ms until which one delivery holds the right to send it. */
  emailLeases: Record<string, number>;
}

/** The item of a new order, with every key its indexes read. */
export function orderItem(record: OrderRecord): OrderItem {
  const item: OrderItem = {
    ...record,
    PK: orderPk(record.orderId),
    SK: ORDER_SK,
    type: 'order',
    userPk: userPk(record.user),
    userSk: userSk(record.createdAt, record.orderId),
    userStatusPk: userStatusPk(record.user, record.status),
    shardPk: shardPk(record.orderId),
    statusShardPk: statusShardPk(record.status, record.orderId),
    emailLeases: {},
    emailsSent: record.emailsSent ?? {},
    ...(record.dueAt ? { duePk: duePk(record.orderId) } : {}),
  };
  // An intent id is indexed only once it exists (a sparse index has no null keys).
  if (!item.paymentIntentId) delete (item as Partial<OrderItem>).paymentIntentId;
  return item;
}

/** The keys an index maintains when the status changes. */
export function statusKeys(record: Pick<OrderRecord, 'user' | 'orderId'>, status: OrderStatus) {
  return { userStatusPk: userStatusPk(record.user, status), statusShardPk: statusShardPk(status, record.orderId) };
}

export function toRecord(item: OrderItem): OrderRecord {
  const {
    PK: _pk,
    SK: _sk,
    type: _type,
    userPk: _u,
    userSk: _us,
    userStatusPk: _usp,
    shardPk: _shard,
    statusShardPk: _statusShard,
    duePk: _due,
    emailLeases: _leases,
    ...record
  } = item;
  return {
    ...record,
    paymentIntentId: record.paymentIntentId ?? null,
    shipment: record.shipment ?? null,
    outbox: record.outbox ?? {},
    refunds: record.refunds ?? {},
    refundHeld: record.refundHeld ?? 0,
    revision: record.revision ?? 0,
  };
}

/** One UpdateItem on an order's item; false when its condition did not hold. */
export function updateOrderItem(
  db: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
  update: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
): Promise<boolean> {
  return conditionHeld(
    db.send(new UpdateCommand({ TableName: tableName, Key: { PK: orderPk(orderId), SK: ORDER_SK }, ...update })),
  );
}
