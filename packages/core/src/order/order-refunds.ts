import { ConflictError, NotFoundError } from '../errors';
import { logger } from '../logger';
import { emfMetrics, type MetricsSink } from '../metrics';
import { type PaymentProvider, PaymentProviderError } from '../payments/provider';
import { OWED_GRACE_MS } from './due-work';
import { type OrderRecord, type Refund, type RefundRecord, refundedAmount, refundView, SYSTEM_ACTOR } from './order';
import { orderFacts } from './order-event-detail';
import type { OrderRepository } from './order-repository';
import { MAX_REFUNDS_PER_ORDER, refundIdFor } from './refunds';

export interface OrderRefundsDeps {
  orders: Pick<OrderRepository, 'get' | 'addRefund' | 'markRefundSent' | 'noteRefundAttempt' | 'settleRefund'>;
  /** Business metrics (EMF by default): RefundSucceeded, RefundedAmount, RefundFailed. */
  metrics?: MetricsSink;
  provider: () => Promise<Pick<PaymentProvider, 'createRefund' | 'findIntentForOrder'>>;
  now?: () => Date;
}

export interface RefundRequestInput {
  amount: number;
  reason: string;
  by: string;
  /** The request's Idempotency-Key: the refund's id is derived from it, so a retry can only find the same refund. */
  key?: string;
}

const MAX_ATTEMPTS = 5;

/**
 * Money the store gives back. A refund is first recorded on its order (the conditional write
 * that keeps the refunds not FAILED within the amount paid), and only then asked of the
 * provider, with the refund's id as the idempotency key: a refund owed is never only in memory.
 * If the provider cannot be reached, the refund stays owed and the order stays in the due index;
 * the sweep sends it later, backing off, until the provider accepts or refuses it. Its outcome
 * comes from the provider's webhook (or from its answer, when it settles at once), applied once.
 */
export class OrderRefunds {
  private readonly now: () => Date;

  constructor(private readonly deps: OrderRefundsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Staff's refund of part or all of a paid order. */
  async request(orderId: string, input: RefundRequestInput): Promise<Refund> {
    const refundId = refundIdFor(orderId, input.key ? `key:${input.key}` : undefined);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const order = await this.deps.orders.get(orderId);
      if (!order) throw new NotFoundError('Order not found');
      const existing = order.refunds[refundId];
      // A retry finds the first refund; one the provider has not accepted yet (it was down) is sent again.
      if (existing) {
        const unsent = existing.status === 'PENDING' && !existing.providerRefundId;
        return refundView(unsent ? await this.send(order, existing) : existing);
      }
      if (!order.paidAt || !order.paymentIntentId)
        throw new ConflictError('INVALID_TRANSITION', `Only a paid order can be refunded; this one is ${order.status}`);
      if (input.amount > order.amount - order.refundHeld) throw exceedsPayment(order);
      if (Object.keys(order.refunds).length >= MAX_REFUNDS_PER_ORDER)
        throw new ConflictError(
          'REFUND_LIMIT_REACHED',
          `An order holds at most ${MAX_REFUNDS_PER_ORDER} refunds; refund the rest in one`,
        );
      const at = this.now().toISOString();
      const refund: RefundRecord = {
        refundId,
        amount: input.amount,
        reason: input.reason,
        status: 'PENDING',
        by: input.by,
        createdAt: at,
        updatedAt: at,
        paymentIntentId: order.paymentIntentId,
      };
      if (await this.deps.orders.addRefund(order, refund, { now: this.now(), dueAt: this.graceDue() })) {
        logger.info('refund recorded', { orderId, refundId, amount: input.amount, by: input.by });
        return refundView(await this.send(order, refund));
      }
      // Another refund landed first (or the same one, retried): read again and decide again.
    }
    throw new ConflictError('REFUND_CONFLICT', 'The order kept changing; try again');
  }

  /**
   * A payment that arrived after the order was canceled: the whole amount is owed back, recorded
   * on the order in the same write that notes the payment, then sent. An order that was paid
   * before its cancel already had its refund recorded by the cancel: nothing more is owed.
   */
  async recordLatePayment(order: OrderRecord, paymentIntentId: string | null, note: string): Promise<void> {
    if (order.paidAt) {
      logger.info('late payment already recorded, or the order was paid before its cancel (refunded by the cancel)', {
        orderId: order.orderId,
      });
      return;
    }
    const intent = paymentIntentId ?? (await (await this.deps.provider()).findIntentForOrder(order.orderId));
    if (!intent) throw new Error(`order ${order.orderId} was paid but the provider knows no intent for it`);
    const at = this.now().toISOString();
    const refund: RefundRecord = {
      refundId: refundIdFor(order.orderId, `late:${intent}`),
      amount: order.amount,
      reason: note,
      status: 'PENDING',
      by: SYSTEM_ACTOR,
      createdAt: at,
      updatedAt: at,
      paymentIntentId: intent,
    };
    if (
      await this.deps.orders.addRefund(order, refund, { now: this.now(), dueAt: this.graceDue(), latePayment: true })
    ) {
      logger.warn('payment arrived after cancellation; refund owed', {
        orderId: order.orderId,
        refundId: refund.refundId,
      });
    }
    // Recorded now or by an earlier delivery: the order's settle (or the sweep) sends it.
  }

  /** Sends every refund the order owes that the provider has not accepted yet. */
  async sendOwed(order: OrderRecord): Promise<void> {
    for (const refund of Object.values(order.refunds)) {
      if (refund.status === 'PENDING' && !refund.providerRefundId) await this.send(order, refund);
    }
  }

  /**
   * Applies a refund's outcome once (the webhook, or the provider's immediate answer): SUCCEEDED
   * owes an `OrderRefunded` event (in the same write), FAILED frees the amount. False when it was
   * settled already or is unknown.
   */
  async settle(orderId: string, refundId: string, outcome: 'SUCCEEDED' | 'FAILED'): Promise<boolean> {
    const order = await this.deps.orders.get(orderId);
    const refund = order?.refunds[refundId];
    if (!order || !refund) {
      logger.warn('refund outcome for an unknown refund', { orderId, refundId, outcome });
      return false;
    }
    const now = this.now();
    const eventId = `OrderRefunded:${refundId}`;
    const succeeded = outcome === 'SUCCEEDED';
    const settled = await this.deps.orders.settleRefund(order, refundId, outcome, {
      now,
      dueAt: new Date(now.getTime() + OWED_GRACE_MS).toISOString(),
      ...(succeeded
        ? {
            eventId,
            event: {
              detailType: 'OrderRefunded',
              detail: {
                ...orderFacts(order, eventId, now.toISOString()),
                refundId,
                refundAmount: refund.amount,
                refundedAmount: refundedAmount(order) + refund.amount,
                ...(refund.providerRefundId ? { providerRefundId: refund.providerRefundId } : {}),
              },
            },
          }
        : {}),
    });
    // Called as a method: the logger's methods need their `this`.
    if (settled) {
      logger[succeeded ? 'info' : 'error']('refund settled', { orderId, refundId, outcome });
      const metrics = this.deps.metrics ?? emfMetrics;
      if (succeeded) {
        metrics.emit('RefundSucceeded');
        metrics.emit('RefundedAmount', refund.amount);
      } else metrics.emit('RefundFailed');
    }
    return settled;
  }

  /** When the sweep takes over a refund this invocation recorded and goes on to send itself. */
  private graceDue(): string {
    return new Date(this.now().getTime() + OWED_GRACE_MS).toISOString();
  }

  /** Asks the provider for one recorded refund; a failure leaves it owed for the sweep. */
  private async send(order: OrderRecord, refund: RefundRecord): Promise<RefundRecord> {
    try {
      const sent = await (await this.deps.provider()).createRefund({
        refundId: refund.refundId,
        orderId: order.orderId,
        paymentIntentId: refund.paymentIntentId,
        amount: refund.amount,
        currency: order.currency,
      });
      await this.deps.orders.markRefundSent(order.orderId, refund.refundId, sent.id, this.now());
      if (sent.status !== 'pending') {
        const outcome = sent.status === 'succeeded' ? 'SUCCEEDED' : 'FAILED';
        await this.settle(order.orderId, refund.refundId, outcome);
        return { ...refund, providerRefundId: sent.id, status: outcome };
      }
      return { ...refund, providerRefundId: sent.id };
    } catch (error) {
      if (error instanceof PaymentProviderError && error.permanent) {
        // The provider refused this refund itself (nothing left to refund, a disputed charge): someone must look.
        logger.error('the provider refused a refund; its amount is freed', {
          orderId: order.orderId,
          refundId: refund.refundId,
          error,
        });
        await this.settle(order.orderId, refund.refundId, 'FAILED');
        return { ...refund, status: 'FAILED' };
      }
      logger.warn('refund not sent; the sweep retries it', {
        orderId: order.orderId,
        refundId: refund.refundId,
        error: error as Error,
      });
      await this.deps.orders.noteRefundAttempt(order.orderId, refund.refundId).catch(() => undefined);
      return refund;
    }
  }
}

const exceedsPayment = (order: OrderRecord) =>
  new ConflictError('REFUND_EXCEEDS_PAYMENT', 'The refund would take the refunds past the amount paid', [
    { field: 'amount', message: `at most ${order.amount - order.refundHeld} can still be refunded` },
  ]);
