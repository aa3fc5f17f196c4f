import { readFileSync } from 'node:fs';
import { requireEnv } from '@estore/core/config';
import { listEmails } from '@estore/testkit';
import { eventually, newProduct, pay, Shopper } from './support';

// First calls through serverless-offline include cold starts; events cross the local bus.
jest.setTimeout(60_000);

/** One line of a function's output as the stack's log holds it: `[service] {json}`. */
interface LogLine {
  service: string;
  record: Record<string, unknown>;
}

/** The JSON lines of every function's output so far (Powertools log lines and EMF metrics). */
function stackLog(): LogLine[] {
  // Written by `npm test` (scripts/test.ts), which starts the stack with its output in this file.
  const text = readFileSync(requireEnv('ESTORE_STACK_LOG'), 'utf8');
  const lines: LogLine[] = [];
  for (const match of text.matchAll(/^\[([a-z]+)\] (\{.*\})$/gm)) {
    try {
      lines.push({ service: match[1] as string, record: JSON.parse(match[2] as string) as Record<string, unknown> });
    } catch {
      // A line cut by the stream's buffering, or a non-JSON line that happens to start with `{`.
    }
  }
  return lines;
}

/** EMF records of `metric` in the EStore namespace, printed at or after `since`. */
function metricLines(lines: LogLine[], metric: string, since: number): LogLine[] {
  return lines.filter(({ record }) => {
    const aws = record._aws as { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string }> } | undefined;
    return aws?.CloudWatchMetrics[0]?.Namespace === 'EStore' && aws.Timestamp >= since && metric in record;
  });
}

describe('one correlation id through the saga', () => {
  it('follows a checkout through the payment, the webhook, PAID and the email in the stack log', async () => {
    const since = Date.now();
    const manager = await Shopper.create(['manage_product_group']);
    const shopper = await Shopper.create();
    const product = await newProduct(manager, 5, 1500);
    const correlationId = `e2e-corr.${since.toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

    // A rejected checkout counts CheckoutRejected by its code; the empty cart is the cheapest one.
    expect((await shopper.checkout()).status).toBe(400);
    await shopper.setCart([{ productId: product.id, count: 2 }]);
    const checkout = await shopper.checkout({ 'x-correlation-id': correlationId });
    expect(checkout.status).toBe(201);
    expect(checkout.headers.get('x-correlation-id')).toBe(correlationId);
    const { orderId } = checkout.body;

    // The webhook request carries no correlation id of its own: the order it settles does.
    expect((await pay(orderId)).status).toBe(200);
    await eventually(
      async () => (await listEmails(shopper.user.email)).filter((email) => email.subject.includes(orderId)),
      (emails) => emails.length > 0,
    );

    const traced = await eventually(
      async () => stackLog().filter(({ record }) => record.correlation_id === correlationId),
      (lines) => lines.some((line) => line.record.message === 'order email'),
    );
    const steps = traced.map(({ service, record }) => `${service}: ${String(record.message)}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'payment: order placed',
        'payment: request',
        'payment: payment event published',
        'order: order transition',
        'order: order email',
      ]),
    );
    // Every line of that order's story names it, and the request line is the checkout's.
    for (const { record } of traced) if (record.message !== 'request') expect(record.orderId).toBe(orderId);
    expect(traced.find(({ record }) => record.message === 'request')?.record).toMatchObject({
      path: '/payment/checkout',
      status: 201,
    });
    expect(traced.find(({ record }) => record.message === 'order transition')?.record).toMatchObject({
      from: 'PENDING_PAYMENT',
      to: 'PAID',
    });
    expect(traced.find(({ record }) => record.message === 'order email')?.record).toMatchObject({
      type: 'OrderPaid',
      outcome: 'sent',
    });

    // The business metrics of that story, as EMF in the functions' output.
    const lines = stackLog();
    expect(metricLines(lines, 'OrderPlaced', since).map(({ service }) => service)).toContain('payment');
    expect(metricLines(lines, 'OrderPaid', since).map(({ service }) => service)).toContain('order');
    expect(metricLines(lines, 'Revenue', since).map(({ record }) => record.Revenue)).toContain(3000);
    expect(metricLines(lines, 'CheckoutRejected', since).map(({ record }) => record.code)).toContain('EMPTY_CART');
  });
});
