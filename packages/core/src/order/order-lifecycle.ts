import type { ProductRepository } from '../catalog/product-repository';
import type { EventDetail, Publisher } from '../events/envelope';
import { logger } from '../logger';
import type { PaymentProvider } from '../payments/provider';
import type { OrderRecord, OutboxEntry } from './order';
import type { OrderRepository } from './order-repository';
import { decideTransition, type OrderTrigger } from './order-transitions';

export interface OrderLifecycleDeps {
  orders: OrderRepository;
  products: Pick<ProductRepository, 'getMany' | 'releaseStockActions'>;
  /** Publishes under `estore.order`. */
  publisher: Publisher;
  /** Only needed to refund a payment that arrived after cancellation. */
  provider?: () => Promise<PaymentProvider>;
  now?: () => Date;
}

export type TriggerOutcome = 'applied' | 'ignored' | 'refunded' | 'missing';

/** The detail of the event an order owes after reaching its current state. */
export function orderEventDetail(order: OrderRecord, eventId: string, occurredAt: string): EventDetail {
  return {
    eventId,
    orderId: order.orderId,
    user: order.user,
    amount: order.amount,
    currency: order.currency,
    occurredAt,
    items: order.items.map(({ productId, name, count, price }) => ({ productId, name, count, price })),
    location: order.location,
    ...(order.paymentIntentId ? { paymentIntentId: order.paymentIntentId } : {}),
  };
}

const MAX_ATTEMPTS = 5;
/** Long enough for one PutEvents; a crashed publisher's lease lapses after it and a retry publishes. */
const PUBLISH_LEASE_MS = 30_000;

/**
 * Moves orders through their lifecycle, applying the rules of order-transitions.ts. A transition
 * is one conditional write that also puts the resulting event in the order's outbox (and, for a
 * cancellation, gives the stock back in the same transaction); the outbox is then published and
 * cleared. If publishing fails, the trigger fails and its retry finds the transition done and the
 * event still owed, and publishes it then: at least once, never lost, and a duplicate trigger
 * changes nothing.
 */
export class OrderLifecycle {
  private readonly now: () => Date;

  constructor(private readonly deps: OrderLifecycleDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async trigger(orderId: string, trigger: OrderTrigger): Promise<TriggerOutcome> {
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
        await this.refund(order, decision.note);
        return 'refunded';
      }
      const now = this.now();
      const eventId = `${decision.event}:${order.orderId}`;
      const event: OutboxEntry = {
        detailType: decision.event,
        detail: { ...orderEventDetail(order, eventId, now.toISOString()) },
      };
      const extra = decision.releasesStock ? await this.releaseActions(order) : [];
      if (await this.deps.orders.applyTransition(order, decision, { now, eventId, event, extra })) {
        logger.info('order transition', { orderId, from: decision.from, to: decision.to, trigger });
        outcome = 'applied';
        break;
      }
      // Someone moved the order first, or a product vanished before its stock came back: decide again.
      if (attempt >= MAX_ATTEMPTS) throw new Error(`order ${orderId} kept changing during ${trigger}`);
    }
    await this.settle(orderId);
    return outcome;
  }

  /** Publishes what the order owes; an ended order that owes nothing leaves the deadline index. */
  async settle(orderId: string): Promise<void> {
    await this.flushOutbox(orderId);
    await this.deps.orders.leaveDueIndex(orderId);
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

  private async refund(order: OrderRecord, note: string): Promise<void> {
    if (order.refundedAt) return;
    if (!this.deps.provider || !order.paymentIntentId)
      throw new Error(`cannot refund order ${order.orderId}: no provider or intent`);
    const provider = await this.deps.provider();
    await provider.refund(order.paymentIntentId, order.orderId);
    if (await this.deps.orders.markRefunded(order.orderId, this.now(), note)) {
      logger.warn('payment arrived after cancellation and was refunded', {
        orderId: order.orderId,
        paymentIntentId: order.paymentIntentId,
      });
    }
  }
}
