import { logger } from '@estore/core/logger';
import { type OrderLifecycle, type OrderRepository } from '@estore/core/order';
import { type PaymentProvider } from '@estore/core/payments';

/** How many overdue orders one sweep takes from each shard of the deadline index. */
const BATCH_PER_SHARD = 25;

export interface SweepReport {
  due: number;
  canceled: number;
  skipped: number;
  failed: number;
}

/**
 * Cancels orders not paid by their deadline: first the payment intent with the provider (so it
 * can no longer be paid), then the order, releasing its stock in the same transaction. Runs
 * every minute on a schedule, locally too (serverless-offline runs schedules).
 */
export class ExpirySweep {
  constructor(
    private readonly orders: Pick<OrderRepository, 'dueForExpiry' | 'get'>,
    private readonly lifecycle: Pick<OrderLifecycle, 'trigger' | 'settle'>,
    private readonly provider: () => Promise<PaymentProvider>,
  ) {}

  async run(now: Date): Promise<SweepReport> {
    const due = await this.orders.dueForExpiry(now, BATCH_PER_SHARD);
    const report: SweepReport = { due: due.length, canceled: 0, skipped: 0, failed: 0 };
    for (const orderId of due) {
      try {
        if (await this.expire(orderId, now)) report.canceled += 1;
        else report.skipped += 1;
      } catch (error) {
        // One order that cannot be canceled now must not hold up the others; the next sweep retries it.
        report.failed += 1;
        logger.error('could not expire an order', { orderId, error: error as Error });
      }
    }
    if (report.due > 0) logger.info('expiry sweep', { ...report });
    return report;
  }

  private async expire(orderId: string, now: Date): Promise<boolean> {
    const order = await this.orders.get(orderId);
    if (!order?.payBy || order.payBy > now.toISOString()) return false;
    if (order.status === 'PAID' || order.status === 'CANCELED') {
      // Ended, but its event was not published yet (its trigger failed after the state changed).
      await this.lifecycle.settle(orderId);
      return false;
    }
    if (order.paymentIntentId) {
      const outcome = await (await this.provider()).cancelIntent(order.paymentIntentId);
      if (outcome === 'not-cancelable') {
        // Paid or being processed at the provider: its webhook decides this order, not the clock.
        logger.info('order past its deadline has a payment in flight; left to the webhook', { orderId });
        return false;
      }
    }
    return (await this.lifecycle.trigger(orderId, 'expired')) === 'applied';
  }
}
