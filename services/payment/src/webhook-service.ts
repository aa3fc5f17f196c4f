import { logWith } from '@estore/core/correlation';
import { AppError } from '@estore/core/errors';
import { type PaymentEventName, type Publisher } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import { emfMetrics, type MetricsSink } from '@estore/core/metrics';
import { type OrderRecord, type OrderRepository, orderFacts, orderIdOfRefund } from '@estore/core/order';
import {
  type PaymentNotice,
  paymentNoticeFrom,
  type RefundNotice,
  refundNoticeFrom,
  verifyWebhook,
} from '@estore/core/payments';
import type { WebhookEvents } from './repositories/webhook-events';

const EVENT_FOR: Record<PaymentNotice['outcome'], PaymentEventName> = {
  succeeded: 'PaymentSucceeded',
  failed: 'PaymentFailed',
  canceled: 'PaymentCanceled',
};

/** A pending refund publishes nothing: only a final status settles it. */
const REFUND_EVENT_FOR: Record<RefundNotice['outcome'], PaymentEventName | undefined> = {
  succeeded: 'RefundSucceeded',
  failed: 'RefundFailed',
  pending: undefined,
};

const CLAIM_LEASE_MS = 30_000;
const DUPLICATE_WAIT_MS = 5_000;
const DUPLICATE_POLL_MS = 100;

export type WebhookOutcome =
  | 'ignored-type'
  | 'ignored-pending'
  | 'duplicate'
  | 'unknown-order'
  | 'mismatch'
  | 'published';

/**
 * The provider's webhook: verify the signature, handle each event id once, trust an event only
 * for the order it names and for exactly that order's amount and currency (a refund's: exactly the
 * refund the order holds), then publish the payment or refund event the order service acts on.
 */
export class WebhookService {
  constructor(
    private readonly deps: {
      events: WebhookEvents;
      orders: Pick<OrderRepository, 'get' | 'findByIntent'>;
      /** Publishes under `estore.payment`. */
      publisher: Publisher;
      webhookSecret: () => Promise<string>;
      /** Business metrics (EMF by default): WebhookRejected, a bad or missing signature. */
      metrics?: MetricsSink;
      now?: () => Date;
    },
  ) {}

  async receive(rawBody: string, signature: string | undefined): Promise<WebhookOutcome> {
    const now = this.deps.now?.() ?? new Date();
    const event = this.verified(rawBody, signature, await this.deps.webhookSecret(), now);
    const payment = paymentNoticeFrom(event);
    const refund = refundNoticeFrom(event);
    const handle = payment ? () => this.handlePayment(payment, now) : refund && (() => this.handleRefund(refund, now));
    if (!handle) {
      logger.info('webhook event type ignored', { eventId: event.id, type: event.type });
      return 'ignored-type';
    }
    // A refund still on its way settles nothing (its final status comes in a later event): not even a claim.
    if (refund && !REFUND_EVENT_FOR[refund.outcome]) {
      logger.info('webhook refund still pending; ignored', { eventId: event.id, type: event.type });
      return 'ignored-pending';
    }
    if (!(await this.claimOrWait(event.id))) {
      logger.info('webhook event already handled', { eventId: event.id });
      return 'duplicate';
    }
    try {
      const outcome = await handle();
      await this.deps.events.complete(event.id, outcome);
      return outcome;
    } catch (error) {
      await this.deps.events.release(event.id).catch(() => undefined);
      throw error;
    }
  }

  /** The verified event; a refusal is counted (a rotated secret refuses every delivery: the alarm says so). */
  private verified(rawBody: string, signature: string | undefined, secret: string, now: Date) {
    try {
      return verifyWebhook(rawBody, signature, secret, now);
    } catch (error) {
      (this.deps.metrics ?? emfMetrics).emit('WebhookRejected');
      throw error;
    }
  }

  /**
   * True when this delivery must handle the event. A concurrent duplicate waits for the first
   * delivery's verdict instead of acknowledging at once: were it acknowledged while the first then
   * failed, the provider would stop retrying and the event would be lost. If the first gives up,
   * the waiting one takes over; if it is still busy at the deadline, 503 asks for a retry.
   */
  private async claimOrWait(eventId: string): Promise<boolean> {
    const deadline = Date.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      if (await this.deps.events.claim(eventId, this.deps.now?.() ?? new Date(), CLAIM_LEASE_MS)) return true;
      if ((await this.deps.events.status(eventId)) === 'DONE') return false;
      if (Date.now() > deadline)
        throw new AppError(
          'WEBHOOK_EVENT_IN_PROGRESS',
          'This event is being handled by another delivery; retry later',
          503,
        );
      await new Promise((resolve) => setTimeout(resolve, DUPLICATE_POLL_MS));
    }
  }

  private async handlePayment(notice: PaymentNotice, now: Date): Promise<WebhookOutcome> {
    const order = await this.findOrder(notice);
    if (!order) {
      logger.warn('webhook event for no known order', {
        eventId: notice.eventId,
        paymentIntentId: notice.paymentIntentId,
      });
      return 'unknown-order';
    }
    // From here every log line of this delivery carries the checkout's correlation id and the order.
    logWith({ correlationId: order.correlationId, orderId: order.orderId });
    if (notice.amount !== order.amount || notice.currency !== order.currency) {
      // Never pay an order with a payment for another amount: someone must look at this one.
      logger.error('webhook amount or currency does not match the order', {
        eventId: notice.eventId,
        orderId: order.orderId,
        expected: { amount: order.amount, currency: order.currency },
        received: { amount: notice.amount, currency: notice.currency },
      });
      return 'mismatch';
    }
    await this.deps.publisher.publish(EVENT_FOR[notice.outcome], {
      ...orderFacts(order, notice.eventId, now.toISOString()),
      paymentIntentId: notice.paymentIntentId,
    });
    logger.info('payment event published', {
      eventId: notice.eventId,
      orderId: order.orderId,
      outcome: notice.outcome,
    });
    return 'published';
  }

  /**
   * A refund's final state. Trusted only for a refund the store made (found through the refund id it
   * sent as metadata) and only when the order holds that refund for exactly that amount, in the
   * order's currency, from the same payment, under the same provider id once one is recorded.
   */
  private async handleRefund(notice: RefundNotice, now: Date): Promise<WebhookOutcome> {
    const eventName = REFUND_EVENT_FOR[notice.outcome];
    if (!eventName) return 'ignored-pending';
    const orderId = notice.refundId ? orderIdOfRefund(notice.refundId) : undefined;
    const order = orderId ? await this.deps.orders.get(orderId) : undefined;
    if (!order || !notice.refundId) {
      // A refund made outside the store (the Stripe dashboard) is not recorded on any order.
      logger.warn('webhook refund for no known order', {
        eventId: notice.eventId,
        providerRefundId: notice.providerRefundId,
        refundId: notice.refundId,
      });
      return 'unknown-order';
    }
    logWith({ correlationId: order.correlationId, orderId: order.orderId });
    const refund = order.refunds?.[notice.refundId];
    const matches =
      refund !== undefined &&
      notice.amount === refund.amount &&
      notice.currency === order.currency &&
      (!notice.paymentIntentId || notice.paymentIntentId === refund.paymentIntentId) &&
      (!refund.providerRefundId || refund.providerRefundId === notice.providerRefundId);
    if (!matches) {
      // Never settle a refund with another refund's news: someone must look at this one.
      logger.error('webhook refund does not match the refund the order holds', {
        eventId: notice.eventId,
        orderId: order.orderId,
        refundId: notice.refundId,
        expected: refund && {
          amount: refund.amount,
          currency: order.currency,
          paymentIntentId: refund.paymentIntentId,
          providerRefundId: refund.providerRefundId,
        },
        received: {
          amount: notice.amount,
          currency: notice.currency,
          paymentIntentId: notice.paymentIntentId,
          providerRefundId: notice.providerRefundId,
        },
      });
      return 'mismatch';
    }
    await this.deps.publisher.publish(eventName, {
      ...orderFacts(order, notice.eventId, now.toISOString()),
      refundId: notice.refundId,
      providerRefundId: notice.providerRefundId,
      refundAmount: refund.amount,
    });
    logger.info('refund event published', {
      eventId: notice.eventId,
      orderId: order.orderId,
      refundId: notice.refundId,
      outcome: notice.outcome,
    });
    return 'published';
  }

  /** The order the intent was created for; an event naming another order's intent finds nothing. */
  private async findOrder(notice: PaymentNotice): Promise<OrderRecord | undefined> {
    const order = notice.orderId
      ? await this.deps.orders.get(notice.orderId)
      : await this.deps.orders.findByIntent(notice.paymentIntentId);
    if (!order) return undefined;
    // The intent id is recorded right after the intent is created; an event naming the order must be for that intent.
    if (order.paymentIntentId && order.paymentIntentId !== notice.paymentIntentId) return undefined;
    return order;
  }
}
