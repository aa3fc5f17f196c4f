import type { ProductRepository } from '../catalog/product-repository';
import type { EventDetail, Publisher } from '../events/envelope';
import { logger } from '../logger';
import { emfMetrics, type MetricsSink } from '../metrics';
import { nextDueAt, OWED_GRACE_MS } from './due-work';
import { type OrderRecord, type OutboxEntry, type RefundRecord, type Shipment, SYSTEM_ACTOR } from './order';
import { orderEventDetail } from './order-event-detail';
import type { OrderRefunds } from './order-refunds';
import type { OrderRepository } from './order-repository';
import { decideTransition, type OrderTrigger, type TransitionDecision } from './order-transitions';
import { refundIdFor } from './refunds';

export interface OrderLifecycleDeps {
  orders: Pick<
    OrderRepository,
    'get' | 'applyTransition' | 'reschedule' | 'claimOutbox' | 'releaseOutbox' | 'clearOutbox'
  >;
  products: Pick<ProductRepository, 'getMany' | 'releaseStockActions'>;
  /** Publishes under `estore.order`. */
  publisher: Publisher;
  /** Records and sends refunds (a paid order's cancel, a payment that came after a cancel). */
  refunds: Pick<OrderRefunds, 'recordLatePayment' | 'sendOwed'>;
  now?: () => Date;
  random?: () => number;
  /** Business metrics (EMF by default): OrderPaid, Revenue, PaymentFailed, OrderCanceled, OrderShipped. */
  metrics?: MetricsSink;
}

export type TriggerOutcome = 'applied' | 'ignored' | 'refunded' | 'missing';

export interface TriggerOptions {
  /** Who acted; `system` unless a person did. */
  by?: string;
  /** Replaces the rule's note in the history (a staff cancel's reason). */
  note?: string;
  /** A ship's carrier and tracking. */
  shipment?: Omit<Shipment, 'shippedAt' | 'deliveredAt'>;
  /** The intent a payment event was about (a late payment's refund is taken from it). */
  paymentIntentId?: string;
}

const MAX_ATTEMPTS = 5;
/** Long enough for one PutEvents; a crashed publisher's lease lapses after it and a retry publishes. */
const PUBLISH_LEASE_MS = 30_000;

/**
 * Moves orders through their lifecycle, applying the rules of order-transitions.ts. A transition
 * is one conditional write that also puts the resulting event in the order's outbox (and, for a
 * cancellation, gives the stock back and records a paid order's refund in the same transaction);
 * then the order is settled: the outbox published, owed refunds sent, the order rescheduled in the
 * due index or taken out of it. If any of that fails, the order is still in the due index, so the
 * trigger's retry or the sweep finishes it: at least once, never lost, and a duplicate trigger
 * changes nothing.
 */
export class OrderLifecycle {
  private readonly now: () => Date;

  constructor(private readonly deps: OrderLifecycleDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async trigger(orderId: string, trigger: OrderTrigger, options: TriggerOptions = {}): Promise<TriggerOutcome> {
    let outcome: TriggerOutcome = 'ignored';
    for (let attempt = 1; ; attempt += 1) {
      const order = await this.deps.orders.get(orderId);
      if (!order) {
        logger.warn('order trigger for an unknown order', { orderId, trigger });
        return 'missing';
      }
      const decision = decideTransition(order.status, trigger);
      if (decision.kind === 'ignore') {
        logger.info('order trigger changed nothing', {
          orderId,
          trigger,
          status: order.status,
          reason: decision.reason,
        });
        break;
      }
      if (decision.kind === 'refund') {
        await this.deps.refunds.recordLatePayment(
          order,
          options.paymentIntentId ?? order.paymentIntentId,
          decision.note,
        );
        outcome = 'refunded';
        break;
      }
      if (await this.apply(order, decision, options)) {
        logger.info('order transition', { orderId, from: decision.from, to: decision.to, trigger, by: options.by });
        this.count(order, decision);
        outcome = 'applied';
        break;
      }
      // Someone moved the order first, or a product vanished before its stock came back: decide again.
      if (attempt >= MAX_ATTEMPTS) throw new Error(`order ${orderId} kept changing during ${trigger}`);
    }
    await this.settle(orderId);
    return outcome;
  }

  /** The transition's metrics, once: only the write that applied it gets here. */
  private count(order: OrderRecord, decision: Extract<TransitionDecision, { kind: 'apply' }>): void {
    const metrics = this.deps.metrics ?? emfMetrics;
    if (decision.to === 'PAID') {
      metrics.emit('OrderPaid');
      metrics.emit('Revenue', order.amount);
    }
    if (decision.to === 'PAYMENT_FAILED') metrics.emit('PaymentFailed');
    if (decision.to === 'CANCELED') metrics.emit('OrderCanceled', 1, { reason: decision.cancelReason ?? 'provider' });
    if (decision.to === 'SHIPPED') metrics.emit('OrderShipped');
    if (decision.to === 'DELIVERED') metrics.emit('OrderDelivered');
  }

  private async apply(
    order: OrderRecord,
    decision: Extract<TransitionDecision, { kind: 'apply' }>,
    options: TriggerOptions,
  ): Promise<boolean> {
    const now = this.now();
    const at = now.toISOString();
    const by = options.by ?? SYSTEM_ACTOR;
    const eventId = `${decision.event}:${order.orderId}`;
    const refund = decision.refundsPayment ? this.cancelRefund(order, by, at) : undefined;
    const shipment: Shipment | undefined = options.shipment
      ? { ...options.shipment, shippedAt: at, deliveredAt: null }
      : undefined;
    const detail: EventDetail = {
      ...orderEventDetail(order, eventId, at),
      ...(decision.to === 'CANCELED' || decision.to === 'SHIPPED' || decision.to === 'DELIVERED' ? { by } : {}),
      ...(decision.cancelReason ? { reason: decision.cancelReason, note: options.note ?? decision.note } : {}),
      ...(decision.to === 'CANCELED' ? { refundAmount: refund?.amount ?? 0 } : {}),
      ...(shipment
        ? {
            shipment: {
              carrier: shipment.carrier,
              trackingNumber: shipment.trackingNumber,
              trackingUrl: shipment.trackingUrl,
              shippedAt: shipment.shippedAt,
            },
          }
        : {}),
    };
    const event: OutboxEntry = { detailType: decision.event, detail: { ...detail } };
    const extra = decision.releasesStock ? await this.releaseActions(order) : [];
    return this.deps.orders.applyTransition(order, decision, {
      now,
      by,
      ...(options.note ? { note: options.note } : {}),
      eventId,
      event,
      extra,
      ...(shipment ? { shipment } : {}),
      ...(refund ? { refund } : {}),
      dueAt: new Date(now.getTime() + OWED_GRACE_MS).toISOString(),
    });
  }

  /** A paid order's cancel owes back whatever is not refunded or being refunded yet. */
  private cancelRefund(order: OrderRecord, by: string, at: string): RefundRecord | undefined {
    const amount = order.amount - order.refundHeld;
    if (amount <= 0 || !order.paymentIntentId) return undefined;
    return {
      refundId: refundIdFor(order.orderId, 'cancel'),
      amount,
      reason: 'order canceled',
      status: 'PENDING',
      by,
      createdAt: at,
      updatedAt: at,
      paymentIntentId: order.paymentIntentId,
    };
  }

  /**
   * Finishes what the order owes: publishes its outbox, sends its owed refunds, then reschedules
   * it in the due index (or takes it out) from what is still owed. Safe to run any number of times.
   */
  async settle(orderId: string): Promise<void> {
    await this.flushOutbox(orderId);
    const order = await this.deps.orders.get(orderId);
    if (!order) return;
    await this.deps.refunds.sendOwed(order);
    await this.reschedule(orderId);
  }

  /** Puts the order back in the due index at its next due time, or takes it out; retried when it moved meanwhile. */
  async reschedule(orderId: string, attempts?: number): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const order = await this.deps.orders.get(orderId);
      if (!order) return;
      const next = nextDueAt(order, this.now(), this.deps.random);
      if (next === order.dueAt && attempts === undefined) return;
      if (await this.deps.orders.reschedule(order, next, attempts ?? order.dueAttempts ?? 0)) return;
    }
    // Still moving: whatever moved it put it in the due index itself, so the sweep comes back.
    logger.warn('order kept changing while being rescheduled; the sweep comes back to it', { orderId });
  }

  /** Publishes every event the order still owes, once even when deliveries overlap, then forgets each one. */
  async flushOutbox(orderId: string): Promise<number> {
    const order = await this.deps.orders.get(orderId);
    let published = 0;
    for (const [eventId, entry] of Object.entries(order?.outbox ?? {})) {
      if (!(await this.deps.orders.claimOutbox(orderId, eventId, this.now(), PUBLISH_LEASE_MS))) continue;
      try {
        await this.deps.publisher.publish(entry.detailType, entry.detail as unknown as EventDetail);
      } catch (error) {
        await this.deps.orders.releaseOutbox(orderId, eventId).catch(() => undefined);
        throw error;
      }
      await this.deps.orders.clearOutbox(orderId, eventId);
      published += 1;
    }
    return published;
  }

  /** Stock goes back only to products that still exist; a deleted product has nothing to receive it. */
  private async releaseActions(order: OrderRecord) {
    const existing = new Set(
      (await this.deps.products.getMany(order.items.map((item) => item.productId))).map((product) => product.id),
    );
    const lines = order.items
      .filter((item) => existing.has(item.productId))
      .map(({ productId, count }) => ({ productId, count }));
    return lines.length ? this.deps.products.releaseStockActions(lines) : [];
  }
}
