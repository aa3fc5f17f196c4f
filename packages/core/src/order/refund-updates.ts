import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { duePk } from './keys';
import type { HistoryEntry, OrderRecord, OutboxEntry, RefundRecord, RefundStatus } from './order';
import { MAX_REFUNDS_PER_ORDER } from './refunds';

/**
 * The conditional updates of an order's refunds, for OrderRepository (storage only): each guard
 * that must hold under concurrency is in the write's condition (docs/data-model.md).
 */
export type OrderUpdate = Omit<UpdateCommandInput, 'TableName' | 'Key'>;

export interface AddRefundOptions {
  now: Date;
  dueAt: string;
  latePayment?: boolean;
}

export interface SettleRefundOptions {
  now: Date;
  eventId?: string;
  event?: OutboxEntry;
  dueAt: string;
}

export function addRefundUpdate(record: OrderRecord, refund: RefundRecord, options: AddRefundOptions): OrderUpdate {
  const at = options.now.toISOString();
  const late = options.latePayment === true;
  return {
    UpdateExpression:
      'SET refunds.#refundId = :refund, refundHeld = refundHeld + :amount, updatedAt = :at, revision = revision + :one, dueAt = :due, duePk = :duePk' +
      (late ? ', paidAt = :at, history = list_append(history, :entry)' : ''),
    ConditionExpression:
      'attribute_not_exists(refunds.#refundId) AND refundHeld <= :heldLimit AND size(refunds) < :maxRefunds AND ' +
      (late ? '#status = :canceled AND attribute_not_exists(paidAt)' : 'attribute_exists(paidAt)'),
    ExpressionAttributeNames: { '#refundId': refund.refundId, ...(late ? { '#status': 'status' } : {}) },
    ExpressionAttributeValues: {
      ':refund': refund,
      ':amount': refund.amount,
      ':heldLimit': record.amount - refund.amount,
      ':maxRefunds': MAX_REFUNDS_PER_ORDER,
      ':at': at,
      ':one': 1,
      ':due': options.dueAt,
      ':duePk': duePk(record.orderId),
      ...(late
        ? {
            ':canceled': 'CANCELED',
            ':entry': [{ status: 'CANCELED', at, note: refund.reason, by: refund.by } satisfies HistoryEntry],
          }
        : {}),
    },
  };
}

export function refundSentUpdate(refundId: string, providerRefundId: string, now: Date): OrderUpdate {
  return {
    UpdateExpression: 'SET refunds.#refundId.providerRefundId = :provider, refunds.#refundId.updatedAt = :at',
    ConditionExpression:
      'attribute_exists(refunds.#refundId) AND attribute_not_exists(refunds.#refundId.providerRefundId)',
    ExpressionAttributeNames: { '#refundId': refundId },
    ExpressionAttributeValues: { ':provider': providerRefundId, ':at': now.toISOString() },
  };
}

export function refundAttemptUpdate(refundId: string): OrderUpdate {
  return {
    UpdateExpression: 'ADD refunds.#refundId.sendAttempts :one',
    ConditionExpression: 'attribute_exists(refunds.#refundId)',
    ExpressionAttributeNames: { '#refundId': refundId },
    ExpressionAttributeValues: { ':one': 1 },
  };
}

/** Undefined when the order holds no such refund. */
export function settleRefundUpdate(
  record: OrderRecord,
  refundId: string,
  outcome: Exclude<RefundStatus, 'PENDING'>,
  options: SettleRefundOptions,
): OrderUpdate | undefined {
  const refund = record.refunds[refundId];
  if (!refund) return undefined;
  const at = options.now.toISOString();
  const sets = [
    'refunds.#refundId.#status = :outcome',
    'refunds.#refundId.updatedAt = :at',
    'updatedAt = :at',
    'revision = revision + :one',
  ];
  const names: Record<string, string> = { '#refundId': refundId, '#status': 'status' };
  const values: Record<string, unknown> = { ':outcome': outcome, ':pending': 'PENDING', ':at': at, ':one': 1 };
  if (outcome === 'FAILED') {
    sets.push('refundHeld = refundHeld - :amount');
    values[':amount'] = refund.amount;
  }
  if (options.event && options.eventId) {
    sets.push('outbox.#eventId = :event', 'dueAt = :due', 'duePk = :duePk');
    names['#eventId'] = options.eventId;
    Object.assign(values, { ':event': options.event, ':due': options.dueAt, ':duePk': duePk(record.orderId) });
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: 'refunds.#refundId.#status = :pending',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
