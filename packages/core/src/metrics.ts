import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The store's business metrics (contract: Metrics), in CloudWatch's embedded metric format
 * through Lambda Powertools Metrics: namespace `EStore`, dimension `service` (from
 * POWERTOOLS_SERVICE_NAME), printed to the function's output as one EMF line each, so CloudWatch
 * turns log lines into metrics with no API call, and locally they show in `npm run dev`'s output.
 * Each is emitted where its fact becomes true (after the conditional write that made it so), so
 * a replayed webhook or a retried trigger never counts twice.
 */
export type BusinessMetric =
  | 'OrderPlaced'
  | 'CheckoutRejected'
  | 'OrderPaid'
  | 'Revenue'
  | 'PaymentFailed'
  | 'OrderCanceled'
  | 'OrderShipped'
  | 'OrderDelivered'
  | 'RefundSucceeded'
  | 'RefundFailed'
  | 'RefundedAmount'
  | 'WebhookRejected'
  | 'SweepDue'
  | 'SweepSettled'
  | 'SweepRescheduled'
  | 'SweepFailed';

/** Amounts (minor units) are plain numbers; everything else counts. */
const AMOUNTS: ReadonlySet<BusinessMetric> = new Set(['Revenue', 'RefundedAmount']);

export interface MetricsSink {
  emit(name: BusinessMetric, value?: number, dimensions?: Record<string, string>): void;
}

const metrics = new Metrics({ namespace: 'EStore' });

/**
 * Each metric is flushed at once as its own EMF line (Powertools' single metric): its dimensions
 * (`code`, `reason`) are its own, and nothing is lost when a function fails after the fact.
 */
export const emfMetrics: MetricsSink = {
  emit(name, value = 1, dimensions = {}) {
    const single = metrics.singleMetric();
    for (const [dimension, dimensionValue] of Object.entries(dimensions))
      single.addDimension(dimension, dimensionValue);
    single.addMetric(name, AMOUNTS.has(name) ? MetricUnit.NoUnit : MetricUnit.Count, value);
  },
};
