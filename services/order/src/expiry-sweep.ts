import { logger } from '@estore/core/logger';
import { emfMetrics, type MetricsSink } from '@estore/core/metrics';
import {
  type OrderLifecycle,
  type OrderRecord,
  type OrderRefunds,
  type OrderRepository,
  REFUND_CHECK_MS,
  retryDelayMs,
  UNPAID_STATUSES,
} from '@estore/core/order';
import { type PaymentProvider } from '@estore/core/payments';

/** How many due orders one query takes from each shard of the due index. */
const BATCH_PER_SHARD = 50;
/**
 * Orders worked on at once. Each costs a few DynamoDB calls and at most two provider calls
 * (about 0.4 s on AWS, the provider dominating), so 16 at a time settle about 2,400 orders a
 * minute: above the 1,000 a minute the store is sized for (docs/reliability.md).
 */
export const SWEEP_CONCURRENCY = 16;

export type SweepOutcome = 'canceled' | 'paid' | 'rescheduled' | 'settled' | 'skipped' | 'failed';

export interface SweepReport {
  due: number;
  canceled: number;
  paid: number;
  rescheduled: number;
  settled: number;
  skipped: number;
  failed: number;
  /** Due orders left for the next run because this one ran out of time. */
  unfinished: number;
  elapsedMs: number;
}

export interface ExpirySweepDeps {
  orders: Pick<OrderRepository, 'dueOrders' | 'get' | 'reschedule'>;
  lifecycle: Pick<OrderLifecycle, 'trigger' | 'settle'>;
  refunds: Pick<OrderRefunds, 'settle'>;
  provider: () => Promise<PaymentProvider>;
  random?: () => number;
  /** Epoch ms, for the time budget. */
  clock?: () => number;
  /** What each run did, as metrics for the dashboard (EMF by default). */
  metrics?: MetricsSink;
}

/**
 * Works through the orders that something is owed to (the due index): an unpaid order past its
 * deadline is canceled (its intent first, so it can no longer be paid) or, when the provider will
 * not cancel it, reconciled with what the provider says happened; an order owing an event or a
 * refund is settled. An order it cannot settle now is rescheduled with a growing, jittered delay,
 * never left at the head of its shard, so no order blocks the ones behind it. Runs every minute
 * (locally too: serverless-offline runs schedules), in parallel, until its time budget is spent.
 */
export class ExpirySweep {
  private readonly clock: () => number;

  constructor(private readonly deps: ExpirySweepDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /** Sweeps as of `now`, starting no order after `deadline` (epoch ms). */
  async run(now: Date, deadline = this.clock() + 45_000): Promise<SweepReport> {
    const started = this.clock();
    const report: SweepReport = {
      due: 0,
      canceled: 0,
      paid: 0,
      rescheduled: 0,
      settled: 0,
      skipped: 0,
      failed: 0,
      unfinished: 0,
      elapsedMs: 0,
    };
    const seen = new Set<string>();
    // Rounds: each order handled leaves the due index or moves later, so the next query finds the ones behind.
    while (this.clock() < deadline) {
      const fresh = (await this.deps.orders.dueOrders(now, BATCH_PER_SHARD)).filter((id) => !seen.has(id));
      if (fresh.length === 0) break;
      for (const id of fresh) seen.add(id);
      report.due += fresh.length;
      await this.workThrough(fresh, now, deadline, report);
    }
    report.elapsedMs = this.clock() - started;
    if (report.due > 0) logger.info('sweep', { ...report });
    const metrics = this.deps.metrics ?? emfMetrics;
    metrics.emit('SweepDue', report.due);
    metrics.emit('SweepSettled', report.canceled + report.paid + report.settled);
    metrics.emit('SweepRescheduled', report.rescheduled + report.unfinished);
    metrics.emit('SweepFailed', report.failed);
    return report;
  }

  private async workThrough(orderIds: string[], now: Date, deadline: number, report: SweepReport): Promise<void> {
    const queue = [...orderIds];
    const worker = async () => {
      for (let orderId = queue.shift(); orderId; orderId = queue.shift()) {
        if (this.clock() >= deadline) {
          report.unfinished += 1 + queue.length;
          queue.length = 0;
          return;
        }
        report[await this.handle(orderId, now)] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SWEEP_CONCURRENCY, queue.length) }, worker));
  }

  private async handle(orderId: string, now: Date): Promise<SweepOutcome> {
    const order = await this.deps.orders.get(orderId);
    if (!order?.dueAt || order.dueAt > now.toISOString()) return 'skipped';
    try {
      const outcome =
        UNPAID_STATUSES.has(order.status) && order.payBy && order.payBy <= now.toISOString()
          ? await this.expireOrReconcile(order, now)
          : await this.settle(order, now);
      // Orders run in parallel here, so the correlation id goes on the line itself, not on the logger.
      logger.info('sweep handled an order', { orderId, correlation_id: order.correlationId, outcome });
      return outcome;
    } catch (error) {
      // One order that cannot be settled now must not hold up the others: it comes back later.
      logger.error('sweep could not settle an order; rescheduled', {
        orderId,
        correlation_id: order.correlationId,
        error: error as Error,
      });
      await this.backOff(order, now).catch(() => undefined);
      return 'failed';
    }
  }

  /**
   * An unpaid order past its deadline. Its intent is canceled first; if the provider will not,
   * what happened to it is asked and applied: paid (the order becomes PAID by the webhook's
   * rules), still being paid (asked again later), or unknown (nothing can pay it: canceled).
   */
  private async expireOrReconcile(order: OrderRecord, now: Date): Promise<SweepOutcome> {
    const provider = await this.deps.provider();
    const intentId = order.paymentIntentId ?? (await provider.findIntentForOrder(order.orderId));
    if (!intentId) return this.cancel(order.orderId, 'intent-missing');
    if ((await provider.cancelIntent(intentId)) === 'canceled') return this.cancel(order.orderId, 'expired');
    const intent = await provider.getIntent(intentId);
    if (!intent) return this.cancel(order.orderId, 'intent-missing');
    if (intent.status === 'canceled') return this.cancel(order.orderId, 'expired');
    if (intent.status === 'succeeded') {
      if (intent.amount === order.amount && intent.currency === order.currency) {
        const outcome = await this.deps.lifecycle.trigger(order.orderId, 'payment-succeeded', {
          paymentIntentId: intentId,
        });
        logger.warn('sweep found a payment whose event never arrived; applied', { orderId: order.orderId, outcome });
        return 'paid';
      }
      // Never pay an order with a payment of another amount: someone must look (as the webhook does).
      logger.error('provider reports a payment of another amount; left for an operator', {
        orderId: order.orderId,
        expected: { amount: order.amount, currency: order.currency },
        received: { amount: intent.amount, currency: intent.currency },
      });
    }
    await this.backOff(order, now);
    return 'rescheduled';
  }

  /** Publishes what the order owes, sends its owed refunds, asks about stale ones; reschedules it. */
  private async settle(order: OrderRecord, now: Date): Promise<SweepOutcome> {
    await this.checkSentRefunds(order, now);
    await this.deps.lifecycle.settle(order.orderId);
    return 'settled';
  }

  /** A sent refund the provider has not settled for a while: its webhook may be lost, so ask. */
  private async checkSentRefunds(order: OrderRecord, now: Date): Promise<void> {
    const stale = Object.values(order.refunds).filter(
      (refund) =>
        refund.status === 'PENDING' &&
        refund.providerRefundId &&
        new Date(refund.updatedAt).getTime() + REFUND_CHECK_MS <= now.getTime(),
    );
    if (stale.length === 0) return;
    const provider = await this.deps.provider();
    for (const refund of stale) {
      const state = await provider.getRefund(refund.providerRefundId as string);
      if (state?.status === 'succeeded' || state?.status === 'failed') {
        await this.deps.refunds.settle(
          order.orderId,
          refund.refundId,
          state.status === 'succeeded' ? 'SUCCEEDED' : 'FAILED',
        );
      }
    }
  }

  private async cancel(orderId: string, trigger: 'expired' | 'intent-missing'): Promise<SweepOutcome> {
    return (await this.deps.lifecycle.trigger(orderId, trigger)) === 'applied' ? 'canceled' : 'settled';
  }

  /** Moves the order later in the due index, by a delay that grows with each fruitless look. */
  private async backOff(order: OrderRecord, now: Date): Promise<void> {
    const attempts = (order.dueAttempts ?? 0) + 1;
    const dueAt = new Date(now.getTime() + retryDelayMs(attempts, this.deps.random)).toISOString();
    // A stale revision means the order moved meanwhile; whatever moved it scheduled it itself.
    await this.deps.orders.reschedule(order, dueAt, attempts);
  }
}
