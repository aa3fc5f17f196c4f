import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { conditionHeld, type TransactItem } from '../aws/dynamodb-writes';
import { type CursorCodecSource, cursorsNotWired, invalidCursor, type PageKey } from '../pagination/cursor';
import type { Page } from '../pagination/schemas';
import { allDuePks, duePk, ORDER_INDEXES, ORDER_SK, orderPk, userPk, userSk, userStatusPk } from './keys';
import { type HistoryEntry, type OrderRecord, type OutboxEntry, STATUS_FILTERS, type StatusFilter } from './order';
import type { TransitionDecision } from './order-transitions';

/** The order item as stored: the record plus its index keys. */
interface OrderItem extends OrderRecord {
  PK: string;
  SK: string;
  type: 'order';
  userPk: string;
  userSk: string;
  userStatusPk: string;
  duePk?: string;
  confirmationLeaseUntil?: number;
}

function toRecord(item: OrderItem): OrderRecord {
  const {
    PK: _pk,
    SK: _sk,
    type: _type,
    userPk: _u,
    userSk: _us,
    userStatusPk: _usp,
    duePk: _due,
    confirmationLeaseUntil: _lease,
    ...record
  } = item;
  return { ...record, paymentIntentId: record.paymentIntentId ?? null, outbox: record.outbox ?? {} };
}

/**
 * Orders in the order service's table. Every read is a GetItem or a Query on a sparse index;
 * every state change is one write guarded by the state it leaves (see order-transitions.ts).
 */
export class OrderRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    /** Signs list cursors (`cursorCodecFromEnv` in the listing function); others never bundle the key's loader. */
    private readonly cursors: CursorCodecSource = cursorsNotWired,
  ) {}

  /** The Put that places a new order, for the checkout's transaction; refused if the id exists. */
  placeAction(record: OrderRecord): TransactItem {
    const item: OrderItem = {
      ...record,
      PK: orderPk(record.orderId),
      SK: ORDER_SK,
      type: 'order',
      userPk: userPk(record.user),
      userSk: userSk(record.createdAt, record.orderId),
      userStatusPk: userStatusPk(record.user, record.status),
      ...(record.payBy ? { duePk: duePk(record.orderId) } : {}),
    };
    // An intent id is indexed only once it exists (a sparse index has no null keys).
    if (!item.paymentIntentId) delete (item as Partial<OrderItem>).paymentIntentId;
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: orderPk(orderId), SK: ORDER_SK }, ConsistentRead: true }),
    );
    return result.Item ? toRecord(result.Item as OrderItem) : undefined;
  }

  /** The order paid by a payment intent: a Query on the sparse intent index, then a consistent read. */
  async findByIntent(paymentIntentId: string): Promise<OrderRecord | undefined> {
    const index = ORDER_INDEXES.byIntent;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk },
        ExpressionAttributeValues: { ':pk': paymentIntentId },
        Limit: 1,
      }),
    );
    const key = result.Items?.[0] as { PK: string } | undefined;
    return key ? this.get(key.PK.slice('ORDER#'.length)) : undefined;
  }

  /** The caller's orders, newest first, optionally of one status. */
  async listForUser(
    user: string,
    query: { status: StatusFilter; limit: number; cursor?: string },
  ): Promise<Page<OrderRecord>> {
    const index = query.status === 'all' ? ORDER_INDEXES.byUser : ORDER_INDEXES.byUserStatus;
    const partition = query.status === 'all' ? userPk(user) : userStatusPk(user, STATUS_FILTERS[query.status]);
    const scope = JSON.stringify(['orders', user, query.status]);
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

  /** Records the payment intent created for an order; written once. */
  setPaymentIntent(orderId: string, paymentIntentId: string, now: Date): Promise<boolean> {
    return this.updateOrder(orderId, {
      UpdateExpression: 'SET paymentIntentId = :intent, updatedAt = :now',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(paymentIntentId)',
      ExpressionAttributeValues: { ':intent': paymentIntentId, ':now': now.toISOString() },
    });
  }

  /**
   * Applies a transition decided by the lifecycle, with the event it owes put in the outbox in
   * the same write, and `extra` actions (the stock release) in the same transaction. False when
   * the order was no longer in the from-state: someone else moved it first.
   */
  async applyTransition(
    record: OrderRecord,
    decision: Extract<TransitionDecision, { kind: 'apply' }>,
    options: { now: Date; eventId: string; event: OutboxEntry; extra?: TransactItem[] },
  ): Promise<boolean> {
    const at = options.now.toISOString();
    const entry: HistoryEntry = { status: decision.to, at, note: decision.note };
    const ends = decision.to === 'PAID' || decision.to === 'CANCELED';
    const update = {
      TableName: this.tableName,
      Key: { PK: orderPk(record.orderId), SK: ORDER_SK },
      UpdateExpression:
        // An order that ends stays in the deadline index (due now) until its event is published,
        // so the sweep finds and publishes an event whose first publication failed.
        'SET #status = :to, userStatusPk = :statusPk, updatedAt = :at, history = list_append(history, :entry), outbox.#eventId = :event' +
        (ends ? ', payBy = :at' : ''),
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status', '#eventId': options.eventId },
      ExpressionAttributeValues: {
        ':to': decision.to,
        ':from': decision.from,
        ':statusPk': userStatusPk(record.user, decision.to),
        ':at': at,
        ':entry': [entry],
        ':event': options.event,
      },
    };
    if (!options.extra?.length) return conditionHeld(this.db.send(new UpdateCommand(update)));
    return conditionHeld(
      this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...options.extra] })),
    );
  }

  /**
   * Takes the right to publish one owed event for `leaseMs`, so concurrent deliveries publish it
   * once; a publisher that crashed loses the lease when it lapses. False: taken or already gone.
   */
  claimOutbox(orderId: string, eventId: string, now: Date, leaseMs: number): Promise<boolean> {
    return this.updateOrder(orderId, {
      UpdateExpression: 'SET outbox.#eventId.claimedUntil = :until',
      ConditionExpression:
        'attribute_exists(outbox.#eventId) AND (attribute_not_exists(outbox.#eventId.claimedUntil) OR outbox.#eventId.claimedUntil < :now)',
      ExpressionAttributeNames: { '#eventId': eventId },
      ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime() },
    });
  }

  /** Gives a publishing lease back after a failure, so the retry need not wait for it to lapse. */
  async releaseOutbox(orderId: string, eventId: string): Promise<void> {
    await this.updateOrder(orderId, {
      UpdateExpression: 'REMOVE outbox.#eventId.claimedUntil',
      ConditionExpression: 'attribute_exists(outbox.#eventId)',
      ExpressionAttributeNames: { '#eventId': eventId },
    });
  }

  /** Drops an event from the outbox once it is published. */
  async clearOutbox(orderId: string, eventId: string): Promise<void> {
    await this.updateOrder(orderId, {
      UpdateExpression: 'REMOVE outbox.#eventId',
      ExpressionAttributeNames: { '#eventId': eventId },
    });
  }

  /** Takes an ended order out of the deadline index once it owes no event. */
  async leaveDueIndex(orderId: string): Promise<void> {
    await this.updateOrder(orderId, {
      UpdateExpression: 'REMOVE duePk, payBy',
      ConditionExpression: '#status IN (:paid, :canceled) AND size(outbox) = :none',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':paid': 'PAID', ':canceled': 'CANCELED', ':none': 0 },
    });
  }

  /** Notes a refund of a payment that arrived after cancellation, once. False if already noted. */
  markRefunded(orderId: string, now: Date, note: string): Promise<boolean> {
    const at = now.toISOString();
    return this.updateOrder(orderId, {
      UpdateExpression: 'SET refundedAt = :at, updatedAt = :at, history = list_append(history, :entry)',
      ConditionExpression: '#status = :canceled AND attribute_not_exists(refundedAt)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at, ':canceled': 'CANCELED', ':entry': [{ status: 'CANCELED', at, note }] },
    });
  }

  /** Ids of orders whose payment deadline has passed, oldest deadline first, from every shard. */
  async dueForExpiry(now: Date, limitPerShard: number): Promise<string[]> {
    const index = ORDER_INDEXES.byDueTime;
    const pages = await Promise.all(
      allDuePks().map((partition) =>
        this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index.name,
            KeyConditionExpression: '#pk = :pk AND #sk <= :now',
            ExpressionAttributeNames: { '#pk': index.pk, '#sk': index.sk },
            ExpressionAttributeValues: { ':pk': partition, ':now': now.toISOString() },
            Limit: limitPerShard,
          }),
        ),
      ),
    );
    // KEYS_ONLY: the index hands back the table keys, from which the order id follows.
    return pages.flatMap((page) =>
      ((page.Items ?? []) as Array<{ PK: string }>).map((item) => item.PK.slice('ORDER#'.length)),
    );
  }

  /**
   * Takes the right to send an order's confirmation email for `leaseMs`: false when it was sent
   * already or another delivery of the same event is sending it now.
   */
  claimConfirmation(orderId: string, now: Date, leaseMs: number): Promise<boolean> {
    return this.updateOrder(orderId, {
      UpdateExpression: 'SET confirmationLeaseUntil = :until',
      ConditionExpression:
        'attribute_exists(PK) AND attribute_not_exists(confirmationSentAt) AND (attribute_not_exists(confirmationLeaseUntil) OR confirmationLeaseUntil < :now)',
      ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime() },
    });
  }

  async markConfirmationSent(orderId: string, now: Date): Promise<void> {
    await this.updateOrder(orderId, {
      UpdateExpression: 'SET confirmationSentAt = :at REMOVE confirmationLeaseUntil',
      ExpressionAttributeValues: { ':at': now.toISOString() },
    });
  }

  /** Gives the lease back after a failed send, so the retry need not wait for it to lapse. */
  async releaseConfirmation(orderId: string): Promise<void> {
    await this.updateOrder(orderId, {
      UpdateExpression: 'REMOVE confirmationLeaseUntil',
    });
  }

  /** One UpdateItem on an order's item; false when its condition did not hold. */
  private updateOrder(orderId: string, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new UpdateCommand({ TableName: this.tableName, Key: { PK: orderPk(orderId), SK: ORDER_SK }, ...update }),
      ),
    );
  }
}
