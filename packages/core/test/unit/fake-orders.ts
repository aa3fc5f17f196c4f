import type {
  HistoryEntry,
  OrderRecord,
  OrderRepository,
  OutboxEntry,
  RefundRecord,
  RefundStatus,
  TransitionDecision,
  TransitionWrite,
} from '@estore/core/order';
import { MAX_REFUNDS_PER_ORDER } from '@estore/core/order';

export const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';
export const INTENT_ID = 'pi_sim_0123456789abcdef0123456789abcdef';

/** alice's order as stored, placed an hour ago and awaiting payment. */
export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId: ORDER_ID,
    user: 'alice',
    status: 'PENDING_PAYMENT',
    items: [
      { productId: 'kept', name: 'Mug', category: 'Home & Kitchen', price: 999, count: 2, lineTotal: 1998 },
      { productId: 'deleted', name: 'Lamp', category: 'Home & Kitchen', price: 2500, count: 1, lineTotal: 2500 },
    ],
    amount: 4498,
    currency: 'usd',
    location: { address: '1 Main St', country: 'US' },
    paymentIntentId: INTENT_ID,
    shipment: null,
    refunds: {},
    refundHeld: 0,
    revision: 0,
    createdAt: '2026-03-01T11:00:00.000Z',
    updatedAt: '2026-03-01T11:00:00.000Z',
    history: [{ status: 'PENDING_PAYMENT', at: '2026-03-01T11:00:00.000Z', note: 'order placed', by: 'alice' }],
    payBy: '2026-03-01T11:30:00.000Z',
    dueAt: '2026-03-01T11:30:00.000Z',
    outbox: {},
    ...overrides,
  };
}

/** A refund as stored, PENDING and not yet sent unless overridden. */
export function refundRecord(overrides: Partial<RefundRecord> = {}): RefundRecord {
  return {
    refundId: `rf_${ORDER_ID.slice(2)}_00000001`,
    amount: 1000,
    reason: 'damaged',
    status: 'PENDING',
    by: 'staff-sam',
    createdAt: '2026-03-01T11:10:00.000Z',
    updatedAt: '2026-03-01T11:10:00.000Z',
    paymentIntentId: INTENT_ID,
    ...overrides,
  };
}

type Applied = Extract<TransitionDecision, { kind: 'apply' }>;
type FakeOrdersMethods =
  | 'get'
  | 'applyTransition'
  | 'addRefund'
  | 'markRefundSent'
  | 'noteRefundAttempt'
  | 'settleRefund'
  | 'claimOutbox'
  | 'releaseOutbox'
  | 'clearOutbox'
  | 'reschedule';
/** The conditional writes another writer can get in before. */
type GuardedWrite = 'applyTransition' | 'addRefund' | 'reschedule';

/**
 * The order table in memory, honouring the repository's contract for the methods the lifecycle
 * and the refunds call: each guarded write holds only under the conditions its DynamoDB
 * condition expression states, and each write that makes something owed bumps `revision`.
 */
export class FakeOrders implements Pick<OrderRepository, FakeOrdersMethods> {
  readonly records = new Map<string, OrderRecord>();
  readonly transitions: Array<{ decision: Applied; write: TransitionWrite }> = [];
  readonly reschedules: Array<{ dueAt: string | undefined; attempts: number }> = [];
  /** Runs once just before the next such write is checked: another writer getting in first. */
  readonly before: Partial<Record<GuardedWrite, () => void>> = {};

  constructor(...records: OrderRecord[]) {
    for (const record of records) this.records.set(record.orderId, structuredClone(record));
  }

  /** The stored order (a test reads it directly, as the real table would answer a GetItem). */
  current(orderId = ORDER_ID): OrderRecord {
    const record = this.records.get(orderId);
    if (!record) throw new Error(`no order ${orderId}`);
    return record;
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const record = this.records.get(orderId);
    return record && structuredClone(record);
  }

  async applyTransition(record: OrderRecord, decision: Applied, write: TransitionWrite): Promise<boolean> {
    this.interleave('applyTransition');
    const current = this.records.get(record.orderId);
    if (!current || current.status !== decision.from || current.revision !== record.revision) return false;
    const at = write.now.toISOString();
    const entry: HistoryEntry = { status: decision.to, at, note: write.note ?? decision.note, by: write.by };
    current.status = decision.to;
    current.updatedAt = at;
    current.history.push(entry);
    current.outbox[write.eventId] = structuredClone(write.event);
    current.revision += 1;
    current.dueAt = write.dueAt;
    if (decision.to === 'PAID') current.paidAt = at;
    if (write.shipment) current.shipment = structuredClone(write.shipment);
    if (decision.to === 'DELIVERED' && current.shipment) current.shipment.deliveredAt = at;
    if (write.refund) {
      current.refunds[write.refund.refundId] = structuredClone(write.refund);
      current.refundHeld += write.refund.amount;
    }
    this.transitions.push({ decision, write });
    return true;
  }

  async addRefund(
    record: OrderRecord,
    refund: RefundRecord,
    options: { now: Date; latePayment?: boolean },
  ): Promise<boolean> {
    this.interleave('addRefund');
    const current = this.records.get(record.orderId);
    if (!current || current.refunds[refund.refundId]) return false;
    if (current.refundHeld > record.amount - refund.amount) return false;
    if (Object.keys(current.refunds).length >= MAX_REFUNDS_PER_ORDER) return false;
    const late = options.latePayment === true;
    if (late ? current.status !== 'CANCELED' || current.paidAt : !current.paidAt) return false;
    const at = options.now.toISOString();
    current.refunds[refund.refundId] = structuredClone(refund);
    current.refundHeld += refund.amount;
    current.updatedAt = at;
    current.revision += 1;
    current.dueAt = at;
    if (late) {
      current.paidAt = at;
      current.history.push({ status: 'CANCELED', at, note: refund.reason, by: refund.by });
    }
    return true;
  }

  async markRefundSent(orderId: string, refundId: string, providerRefundId: string, now: Date): Promise<void> {
    const refund = this.records.get(orderId)?.refunds[refundId];
    if (!refund || refund.providerRefundId) return;
    refund.providerRefundId = providerRefundId;
    refund.updatedAt = now.toISOString();
  }

  async noteRefundAttempt(orderId: string, refundId: string): Promise<void> {
    const refund = this.records.get(orderId)?.refunds[refundId];
    if (refund) refund.sendAttempts = (refund.sendAttempts ?? 0) + 1;
  }

  async settleRefund(
    record: OrderRecord,
    refundId: string,
    outcome: Exclude<RefundStatus, 'PENDING'>,
    options: { now: Date; eventId?: string; event?: OutboxEntry; dueAt: string },
  ): Promise<boolean> {
    const current = this.records.get(record.orderId);
    const refund = current?.refunds[refundId];
    if (!current || !record.refunds[refundId] || refund?.status !== 'PENDING') return false;
    const at = options.now.toISOString();
    refund.status = outcome;
    refund.updatedAt = at;
    current.updatedAt = at;
    current.revision += 1;
    if (outcome === 'FAILED') current.refundHeld -= refund.amount;
    if (options.event && options.eventId) {
      current.outbox[options.eventId] = structuredClone(options.event);
      current.dueAt = options.dueAt;
    }
    return true;
  }

  /** Held while `claimedUntil` is not yet past, as the repository's conditional write has it. */
  async claimOutbox(orderId: string, eventId: string, now: Date, leaseMs: number): Promise<boolean> {
    const entry = this.records.get(orderId)?.outbox[eventId];
    if (!entry || (entry.claimedUntil !== undefined && entry.claimedUntil >= now.getTime())) return false;
    entry.claimedUntil = now.getTime() + leaseMs;
    return true;
  }

  async releaseOutbox(orderId: string, eventId: string): Promise<void> {
    const entry = this.records.get(orderId)?.outbox[eventId];
    if (entry) delete entry.claimedUntil;
  }

  async clearOutbox(orderId: string, eventId: string): Promise<void> {
    const current = this.records.get(orderId);
    if (current) delete current.outbox[eventId];
  }

  async reschedule(record: OrderRecord, dueAt: string | undefined, attempts: number): Promise<boolean> {
    this.interleave('reschedule');
    const current = this.records.get(record.orderId);
    if (!current || current.revision !== record.revision) return false;
    this.reschedules.push({ dueAt, attempts });
    if (dueAt) {
      current.dueAt = dueAt;
      current.dueAttempts = attempts;
    } else {
      delete current.dueAt;
      delete current.dueAttempts;
    }
    return true;
  }

  private interleave(write: GuardedWrite): void {
    const hook = this.before[write];
    delete this.before[write];
    hook?.();
  }
}
