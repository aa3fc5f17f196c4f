'use strict';

/**
 * The stage's dashboard `estore-<stage>` and its business alarms, built from the stage's
 * parameters (packages/sls-config/params.yml). Written as code rather than YAML because the
 * dashboard body is a JSON document inside a string, and the no-payment alarm's period is computed
 * from a parameter in minutes. docs/operations.md draws this dashboard from the packaged template
 * (a test keeps the picture current) and says what to do when each alarm fires.
 *
 * Business metrics are the EStore namespace's EMF metrics (packages/core/src/metrics.ts), each with
 * the dimension `service` (the emitting function's POWERTOOLS_SERVICE_NAME). The dashboard finds
 * them with SEARCH, so a metric emitted by one more service, or a new rejection code, shows up on
 * its own; an alarm cannot use SEARCH, so the alarms name the services that emit each metric.
 */

/** Five minutes: the dashboard's period and the alarms' (but the no-payment one's). */
const PERIOD = 300;

/**
 * Dead-letter queues, by their deterministic names (services/<service>/serverless.yml). The template
 * rules fail when a stage has a dead-letter queue this dashboard does not chart.
 */
const DEAD_LETTER_QUEUES = ['order', 'catalog'];

/** Services whose functions apply an order's transition to PAID (the order lifecycle in packages/core). */
const PAYING_SERVICES = ['order', 'payment'];
const paidId = (service) => `paidBy${service[0].toUpperCase()}${service.slice(1)}`;

const WIDTH = 24;
const HEIGHT = 6;

const search = (schema, metric, stat, period = PERIOD) =>
  `SEARCH('{${schema}} MetricName="${metric}"', '${stat}', ${period})`;

/** One line: the sum over every `service` of a business metric. */
const businessTotal = (metric, label, id) => ({
  expression: `SUM(${search('EStore,service', metric, 'Sum')})`,
  label,
  id,
});

/** A time series widget; `metrics` in the dashboard body's own format. */
const graph = (title, metrics, properties = {}) => ({
  type: 'metric',
  properties: {
    title,
    view: 'timeSeries',
    region: '${AWS::Region}',
    period: PERIOD,
    stat: 'Sum',
    metrics,
    ...properties,
  },
});

/**
 * Each route's API metric, found by SEARCH: HTTP APIs publish per-route metrics (dimensions ApiId,
 * Method, Resource, Stage) only with the stage's detailed metrics on (services/platform/api-stage).
 */
const perRoute = (metric, stat, id) => [
  {
    expression: `SEARCH('{AWS/ApiGateway,ApiId,Method,Resource,Stage} MetricName="${metric}" ApiId="\${ApiId}"', '${stat}', ${PERIOD})`,
    id,
  },
];

/** Rows of widgets, laid out left to right, each row the dashboard's full width. */
function layout(rows) {
  const widgets = [];
  rows.forEach((row, rowIndex) => {
    const width = WIDTH / row.length;
    row.forEach((widget, column) => {
      widgets.push({ ...widget, x: column * width, y: rowIndex * HEIGHT, width, height: HEIGHT });
    });
  });
  return widgets;
}

function dashboardBody(stage, alarmIds) {
  const rows = [
    [
      graph('Orders placed and paid', [
        [businessTotal('OrderPlaced', 'placed', 'placed')],
        [businessTotal('OrderPaid', 'paid', 'paid')],
      ]),
      graph('Revenue (minor units, paid orders)', [[businessTotal('Revenue', 'revenue', 'revenue')]]),
      graph('Checkout rejections by code', [
        [{ expression: search('EStore,code,service', 'CheckoutRejected', 'Sum'), id: 'rejections' }],
      ]),
    ],
    [
      graph('Latency p50 by route (ms)', [perRoute('Latency', 'p50', 'latencyP50')], { stat: 'p50' }),
      graph('Latency p99 by route (ms)', [perRoute('Latency', 'p99', 'latencyP99')], { stat: 'p99' }),
      graph('Errors by route (5xx)', [perRoute('5xx', 'Sum', 'serverErrors')]),
    ],
    [
      graph(
        'Dead-letter queue depth',
        DEAD_LETTER_QUEUES.map((service) => [
          'AWS/SQS',
          'ApproximateNumberOfMessagesVisible',
          'QueueName',
          `estore-${service}-${stage}-dlq`,
          { label: service },
        ]),
        { stat: 'Maximum' },
      ),
      graph(
        'Expiry sweep: orders due, settled, rescheduled, failed',
        ['SweepDue', 'SweepSettled', 'SweepRescheduled', 'SweepFailed'].map((metric) => [
          'EStore',
          metric,
          'service',
          'order',
          { label: metric.replace('Sweep', '').toLowerCase() },
        ]),
      ),
      graph('Webhook signature failures', [[businessTotal('WebhookRejected', 'rejected webhooks', 'webhookRejected')]]),
      {
        type: 'alarm',
        properties: { title: 'Business alarms', alarms: alarmIds.map((id) => `\${${id}.Arn}`) },
      },
    ],
  ];
  return { widgets: layout(rows) };
}

const metricStat = (metric, dimensions, period = PERIOD) => ({
  Metric: {
    Namespace: 'EStore',
    MetricName: metric,
    Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
  },
  Period: period,
  Stat: 'Sum',
});

/** An alarm on one business metric's five-minute sum, above `threshold`. */
const businessAlarm = (topic, description, metric, dimensions, threshold, evaluation = {}) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmDescription: description,
    Namespace: 'EStore',
    MetricName: metric,
    Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    Statistic: 'Sum',
    Period: PERIOD,
    EvaluationPeriods: 1,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    // No data means nothing happened (the metric is written only when it counts something).
    TreatMissingData: 'notBreaching',
    AlarmActions: [topic],
    ...evaluation,
  },
});

const whole = async (resolveVariable, name, min, max) => {
  const value = Number(await resolveVariable(`param:${name}`));
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`params.yml ${name} must be a whole number from ${min} to ${max}`);
  return value;
};

module.exports = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  const apiId = await resolveVariable('param:httpApiId');
  const topic = await resolveVariable('param:alarmTopicArn');
  // One evaluation period of the whole window: CloudWatch allows periods of up to a day.
  const noPaymentMinutes = await whole(resolveVariable, 'noPaymentAlarmMinutes', 5, 1440);
  const webhookRejected = await whole(resolveVariable, 'webhookRejectedAlarmThreshold', 0, 100000);
  const providerUnavailable = await whole(resolveVariable, 'providerUnavailableAlarmThreshold', 0, 100000);

  const alarms = {
    NoOrderPaidAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: `Checkouts were placed but no order was paid in ${noPaymentMinutes} minutes. Payments are not completing: check the payment provider's status and its webhook deliveries to POST /payment/webhook (WebhookRejected, the payment service's handleWebhook log), then the order service's onPaymentEvent log and dead-letter queue. docs/operations.md, "No order paid".`,
        Metrics: [
          {
            Id: 'placed',
            MetricStat: metricStat('OrderPlaced', { service: 'payment' }, noPaymentMinutes * 60),
            ReturnData: false,
          },
          ...PAYING_SERVICES.map((service) => ({
            Id: paidId(service),
            MetricStat: metricStat('OrderPaid', { service }, noPaymentMinutes * 60),
            ReturnData: false,
          })),
          {
            Id: 'stalled',
            Label: 'checkouts placed, none paid',
            // FILL: a metric is written only when it counts something, so no OrderPaid line is zero paid.
            Expression: `IF(FILL(placed, 0) > 0 AND ${PAYING_SERVICES.map((service) => `FILL(${paidId(service)}, 0)`).join(' + ')} == 0, 1, 0)`,
            ReturnData: true,
          },
        ],
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        // No checkout placed in the window: nothing to be paid, not an incident.
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic],
      },
    },
    WebhookRejectedAlarm: businessAlarm(
      topic,
      `More than ${webhookRejected} payment webhooks with a bad or missing signature in 5 minutes. Either the webhook secret in SSM (/estore/${stage}/payment/stripe-webhook-secret) no longer matches the provider's endpoint secret (every real webhook is refused: orders stay PENDING), or someone is probing the endpoint. docs/operations.md, "Webhook signatures".`,
      'WebhookRejected',
      { service: 'payment' },
      webhookRejected,
    ),
    PaymentProviderUnavailableAlarm: businessAlarm(
      topic,
      `Checkouts refused with PAYMENT_PROVIDER_UNAVAILABLE (more than ${providerUnavailable} in 5 minutes): the payment provider could not be reached or refused the key. Check the provider's status page and the payment service's checkout log; a rotated key goes to SSM (/estore/${stage}/payment/stripe-secret-key). docs/operations.md, "Payment provider unavailable".`,
      'CheckoutRejected',
      { service: 'payment', code: 'PAYMENT_PROVIDER_UNAVAILABLE' },
      providerUnavailable,
    ),
    // The sweep retries each order with backoff: one failed pass is expected noise, two of three
    // five-minute windows with failures are not.
    SweepFailedAlarm: businessAlarm(
      topic,
      `The expiry sweep failed to settle orders in two of the last three 5-minute windows (SweepFailed). Orders past their payment window stay PENDING and hold their stock. Read the order service's expireOrders log for the failing orderIds (usually the provider or the table); the expireOrders errors alarm covers the sweep failing as a whole. docs/operations.md, "Expiry sweep failing".`,
      'SweepFailed',
      { service: 'order' },
      0,
      { EvaluationPeriods: 3, DatapointsToAlarm: 2 },
    ),
  };

  const body = dashboardBody(stage, Object.keys(alarms));
  return {
    Resources: {
      ...alarms,
      Dashboard: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardName: `estore-${stage}`,
          // `${AWS::Region}`, `${ApiId}` and each alarm's `${<id>.Arn}` are filled in by CloudFormation.
          DashboardBody: { 'Fn::Sub': [JSON.stringify(body), { ApiId: apiId }] },
        },
      },
    },
    Outputs: {
      DashboardUrl: {
        Value: {
          'Fn::Sub': `https://\${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=\${AWS::Region}#dashboards/dashboard/estore-${stage}`,
        },
      },
    },
  };
};
