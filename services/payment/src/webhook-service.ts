import { AppError } from '@estore/core/errors';
import { type PaymentEventName, type Publisher } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import { type OrderRecord, type OrderRepository } from '@estore/core/order';
import { type PaymentNotice, paymentNoticeFrom, verifyWebhook } from '@estore/core/payments';
import type { WebhookEvents } from './repositories/webhook-events';

const EVENT_FOR: Record<PaymentNotice['outcome'], PaymentEventName> = {
  succeeded: 'PaymentSucceeded',
  failed: 'PaymentFailed',
  canceled: 'PaymentCanceled',
};

const CLAIM_LEASE_MS = 30_000;
const DUPLICATE_WAIT_MS = 5_000;
const DUPLICATE_POLL_MS = 100;

export type WebhookOutcome = 'ignored-type' | 'duplicate' | 'unknown-order' | 'mismatch' | 'published';

/**
 * The provider's webhook: verify the signature, handle each event id once, trust an event only
 * for the order it names and for exactly that order's amount and currency, then publish the
 * payment event the order service acts on.
 */
export class WebhookService {
  constructor(
    private readonly deps: {
      events: WebhookEvents;
      orders: Pick<OrderRepository, 'get' | 'findByIntent'>;
      /** Publishes under `estore.payment`. */
      publisher: Publisher;
      webhookSecret: () => Promise<string>;
      now?: () => Date;
    },
  ) {}

  async receive(rawBody: string, signature: string | undefined): Promise<WebhookOutcome> {
    const now = this.deps.now?.() ?? new Date();
    const event = verifyWebhook(rawBody, signature, await this.deps.webhookSecret(), now);
    const notice = paymentNoticeFrom(event);
    if (!notice) {
      logger.info('webhook event type ignored', { eventId: event.id, type: event.type });
      return 'ignored-type';
    }
    if (!(await this.claimOrWait(notice.eventId))) {
      logger.info('webhook event already handled', { eventId: notice.eventId });
      return 'duplicate';
    }
    try {
      const outcome = await this.handle(notice, now);
      await this.deps.events.complete(notice.eventId, outcome);
      return outcome;
    } catch (error) {
      await this.deps.events.release(notice.eventId).catch(() => undefined);
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

  private async handle(notice: PaymentNotice, now: Date): Promise<WebhookOutcome> {
    const order = await this.findOrder(notice);
    if (!order) {
      logger.warn('webhook event for no known order', {
        eventId: notice.eventId,
        paymentIntentId: notice.paymentIntentId,
      });
      return 'unknown-order';
    }
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
      eventId: notice.eventId,
      orderId: order.orderId,
      user: order.user,
      amount: order.amount,
      currency: order.currency,
      occurredAt: now.toISOString(),
      paymentIntentId: notice.paymentIntentId,
    });
    logger.info('payment event published', {
      eventId: notice.eventId,
      orderId: order.orderId,
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
