import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, type TransactItem } from '../aws/dynamodb-writes';
import { emailClaimUpdate, emailReleaseUpdate, emailSentUpdate } from './email-claim-updates';
import { allDuePks, duePk, ORDER_INDEXES, ORDER_SK, orderPk } from './keys';
import type { HistoryEntry, OrderRecord, OutboxEntry, RefundRecord, RefundStatus, Shipment } from './order';
import { type OrderItem, orderItem, statusKeys, toRecord, updateOrderItem } from './order-items';
import type { TransitionDecision } from './order-transitions';
import {
  type AddRefundOptions,
  addRefundUpdate,
  refundAttemptUpdate,
  refundSentUpdate,
  type SettleRefundOptions,
  settleRefundUpdate,
} from './refund-updates';
import { holdUnpaidSlot, releaseUnpaidSlot } from './unpaid-slots';

export interface TransitionWrite {
  now: Date;
  /** Who acted: a username or `system`. */
  by: string;
  /** Replaces the rule's note in the history (a cancel's reason). */
  note?: string;
  eventId: string;
  event: OutboxEntry;
  /** Actions of other items in the same transaction (the stock release). */
  extra?: TransactItem[];
  /** Set by a ship. */
  shipment?: Shipment;
  /** A paid order's cancel: the refund of what is left to refund, recorded in the same write. */
  refund?: RefundRecord;
  /** When the sweep must look next: the event (and refund) just made owed. */
  dueAt: string;
}

/**
 * Orders in the order service's table: storage only. Every read is a GetItem or a Query on a
 * sparse index; every state change is one write guarded by the state it leaves (the rules are in
 * order-transitions.ts, applied by order-lifecycle.ts); every write that makes something owed
 * (an event, a refund) bumps `revision` and puts the order in the due index, so the sweep finds it
 * if the invocation that wrote it dies before finishing.
 */
export class OrderRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** The Put that places a new order, for the checkout's transaction; refused if the id exists. */
  placeAction(record: OrderRecord): TransactItem {
    return {
      Put: { TableName: this.tableName, Item: orderItem(record), ConditionExpression: 'attribute_not_exists(PK)' },
    };
  }

  /**
   * Adds the order to its customer's unpaid set, refused when the set already holds `cap` orders:
   * in the checkout's transaction, so concurrent checkouts can never pass the cap.
   */
  holdUnpaidSlotAction(user: string, orderId: string, cap: number): TransactItem {
    return holdUnpaidSlot(this.tableName, user, orderId, cap);
  }

  /** Takes the order out of its customer's unpaid set; a set DELETE, so doing it twice is harmless. */
  releaseUnpaidSlotAction(user: string, orderId: string): TransactItem {
    return releaseUnpaidSlot(this.tableName, user, orderId);
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

  /** Records the payment intent of an order. True when it holds that intent now (recorded before included). */
  setPaymentIntent(orderId: string, paymentIntentId: string, now: Date): Promise<boolean> {
    return this.update(orderId, {
      UpdateExpression: 'SET paymentIntentId = :intent, updatedAt = :now',
      ConditionExpression:
        'attribute_exists(PK) AND (attribute_not_exists(paymentIntentId) OR paymentIntentId = :intent)',
      ExpressionAttributeValues: { ':intent': paymentIntentId, ':now': now.toISOString() },
    });
  }

  /**
   * Applies a transition decided by the lifecycle, with the event it owes put in the outbox in
   * the same write, and the stock release, the unpaid slot's release and a paid order's refund in
   * the same transaction. False when the order was no longer as read: someone else moved it first.
   */
  async applyTransition(
    record: OrderRecord,
    decision: Extract<TransitionDecision, { kind: 'apply' }>,
    write: TransitionWrite,
  ): Promise<boolean> {
    const at = write.now.toISOString();
    const entry: HistoryEntry = { status: decision.to, at, note: write.note ?? decision.note, by: write.by };
    const keys = statusKeys(record, decision.to);
    const sets = [
      '#status = :to',
      'userStatusPk = :statusPk',
      'statusShardPk = :statusShardPk',
      'updatedAt = :at',
      'history = list_append(history, :entry)',
      'outbox.#eventId = :event',
      'revision = :next',
      'dueAt = :due',
      'duePk = :duePk',
    ];
    const values: Record<string, unknown> = {
      ':to': decision.to,
      ':from': decision.from,
      ':revision': record.revision,
      ':next': record.revision + 1,
      ':statusPk': keys.userStatusPk,
      ':statusShardPk': keys.statusShardPk,
      ':at': at,
      ':entry': [entry],
      ':event': write.event,
      ':due': write.dueAt,
      ':duePk': duePk(record.orderId),
    };
    const names: Record<string, string> = { '#status': 'status', '#eventId': write.eventId };
    if (decision.to === 'PAID') sets.push('paidAt = :at');
    if (write.shipment) {
      sets.push('shipment = :shipment');
      values[':shipment'] = write.shipment;
    }
    if (decision.to === 'DELIVERED') sets.push('shipment.deliveredAt = :at');
    if (write.refund) {
      sets.push('refunds.#refundId = :refund', 'refundHeld = refundHeld + :refundAmount');
      names['#refundId'] = write.refund.refundId;
      values[':refund'] = write.refund;
      values[':refundAmount'] = write.refund.amount;
    }
    const update = {
      TableName: this.tableName,
      Key: { PK: orderPk(record.orderId), SK: ORDER_SK },
      UpdateExpression: `SET ${sets.join(', ')}`,
      // The revision as read: the refund's amount was computed from it, and nothing else may have moved the order.
      ConditionExpression: '#status = :from AND revision = :revision',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    const others = [
      ...(write.extra ?? []),
      ...(decision.leavesUnpaid ? [this.releaseUnpaidSlotAction(record.user, record.orderId)] : []),
    ];
    if (others.length === 0) return this.update(record.orderId, update);
    return conditionHeld(this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...others] })));
  }

  /**
   * Records a refund on an order, guarded in the same write: the order was paid (or, for a
   * payment that came after a cancel, is canceled: `latePayment` also records that payment), the
   * refund is new, and the refunds not FAILED stay within the amount paid. False when any of that
   * did not hold; the caller reads the order again to say which.
   */
  addRefund(record: OrderRecord, refund: RefundRecord, options: AddRefundOptions): Promise<boolean> {
    return this.update(record.orderId, addRefundUpdate(record, refund, options));
  }

  /** Notes the provider's id of a refund it accepted; a refund already noted keeps its id. */
  async markRefundSent(orderId: string, refundId: string, providerRefundId: string, now: Date): Promise<void> {
    await this.update(orderId, refundSentUpdate(refundId, providerRefundId, now));
  }

  /** Counts a failed attempt to send a refund; the sweep's backoff grows with it. */
  async noteRefundAttempt(orderId: string, refundId: string): Promise<void> {
    await this.update(orderId, refundAttemptUpdate(refundId));
  }

  /**
   * Settles a PENDING refund once: SUCCEEDED puts `event` (OrderRefunded) in the outbox; FAILED
   * gives its amount back to what may be refunded. False when it was settled already.
   */
  settleRefund(
    record: OrderRecord,
    refundId: string,
    outcome: Exclude<RefundStatus, 'PENDING'>,
    options: SettleRefundOptions,
  ): Promise<boolean> {
    const update = settleRefundUpdate(record, refundId, outcome, options);
    return update ? this.update(record.orderId, update) : Promise.resolve(false);
  }

  /**
   * Takes the right to publish one owed event for `leaseMs`, so concurrent deliveries publish it
   * once; a publisher that crashed loses the lease when it lapses. False: taken or already gone.
   */
  claimOutbox(orderId: string, eventId: string, now: Date, leaseMs: number): Promise<boolean> {
    return this.update(orderId, {
      UpdateExpression: 'SET outbox.#eventId.claimedUntil = :until',
      ConditionExpression:
        'attribute_exists(outbox.#eventId) AND (attribute_not_exists(outbox.#eventId.claimedUntil) OR outbox.#eventId.claimedUntil < :now)',
      ExpressionAttributeNames: { '#eventId': eventId },
      ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime() },
    });
  }

  /** Gives a publishing lease back after a failure, so the retry need not wait for it to lapse. */
  async releaseOutbox(orderId: string, eventId: string): Promise<void> {
    await this.update(orderId, {
      UpdateExpression: 'REMOVE outbox.#eventId.claimedUntil',
      ConditionExpression: 'attribute_exists(outbox.#eventId)',
      ExpressionAttributeNames: { '#eventId': eventId },
    });
  }

  /** Drops an event from the outbox once it is published. */
  async clearOutbox(orderId: string, eventId: string): Promise<void> {
    await this.update(orderId, {
      UpdateExpression: 'REMOVE outbox.#eventId',
      ExpressionAttributeNames: { '#eventId': eventId },
    });
  }

  /**
   * Sets when the sweep looks at the order next (or takes it out of the due index), only if the
   * order is still at the revision the decision was made from: a write that made something new
   * owed meanwhile wins, and the caller decides again.
   */
  reschedule(record: OrderRecord, dueAt: string | undefined, attempts: number): Promise<boolean> {
    return this.update(record.orderId, {
      UpdateExpression: dueAt
        ? 'SET dueAt = :due, duePk = :duePk, dueAttempts = :attempts'
        : 'REMOVE dueAt, duePk, dueAttempts',
      ConditionExpression: 'revision = :revision',
      ExpressionAttributeValues: {
        ':revision': record.revision,
        ...(dueAt ? { ':due': dueAt, ':duePk': duePk(record.orderId), ':attempts': attempts } : {}),
      },
    });
  }

  /** Ids of orders whose due time has passed, earliest first, up to `limitPerShard` from every shard. */
  async dueOrders(now: Date, limitPerShard: number): Promise<string[]> {
    const index = ORDER_INDEXES.byDue;
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
   * Takes the right to send one email about an order (`fact`: `confirmation`, `shipped`, ...)
   * for `leaseMs`: false when it was sent already or another delivery is sending it now.
   */
  claimEmail(orderId: string, fact: string, now: Date, leaseMs: number): Promise<boolean> {
    return this.update(orderId, emailClaimUpdate(fact, now, leaseMs));
  }

  async markEmailSent(orderId: string, fact: string, now: Date): Promise<void> {
    await this.update(orderId, emailSentUpdate(fact, now));
  }

  /** Gives the lease back after a failed send, so the retry need not wait for it to lapse. */
  async releaseEmail(orderId: string, fact: string): Promise<void> {
    await this.update(orderId, emailReleaseUpdate(fact));
  }

  private update(orderId: string, update: Parameters<typeof updateOrderItem>[3]): Promise<boolean> {
    return updateOrderItem(this.db, this.tableName, orderId, update);
  }
}
