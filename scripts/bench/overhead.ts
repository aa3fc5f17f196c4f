import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createEventBridgeClient } from '@estore/core/aws';
import { CATEGORIES, ProductRepository } from '@estore/core/catalog';
import { CartRepository } from '@estore/core/order';
import { simulatedWebhook } from '@estore/core/payments';
import { httpEvent, lambdaContext, uniqueName } from '@estore/testkit';
import { coldStartEnv, functionEntries } from './coldstart';
import { mdTable, median, percentile } from './format';
import type { BenchPart } from './section';

/**
 * Part 3 of `npm run bench`: warm, in-process latency of three handlers invoked with built API
 * Gateway (HTTP API v2) events, against the raw AWS calls each makes, same run, interleaved.
 * The raw calls are the handler's own: every DynamoDB (and EventBridge) command the handler sends
 * is recorded at the SDK client, then replayed as is on a plain client; a checkout's writes are
 * replayed for a second customer with an identical cart (its names and new ids substituted), so
 * the raw transaction does exactly the work the handler's did.
 */

export interface OverheadFigures {
  routes: Array<{ route: string; fnRoute: string; reads: number; writes: number; ms: number }>;
  order: Array<{ step: string; route: string; reads: number; writes: number; ms: number }>;
}

/** The last run's units and durations, for the cost part. */
export let overheadFigures: OverheadFigures | undefined;

type Sent = {
  client: 'dynamodb' | 'eventbridge';
  command: { constructor: new (input: unknown) => unknown; input: unknown };
};
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;

let recording: Sent[] | undefined;
/** Capacity units of every DynamoDB call recorded (ReturnConsumedCapacity added to each). */
let units = 0;
let readUnits = 0;
const READS = /^(Get|Query|BatchGet|TransactGet|Scan)(Item)?Command$/;
let patched = false;
function recordSends(): void {
  if (patched) return;
  patched = true;
  for (const [client, Class] of [
    ['dynamodb', DynamoDBDocumentClient],
    ['eventbridge', EventBridgeClient],
  ] as const) {
    const proto = Class.prototype as unknown as { send: (command: unknown, ...rest: unknown[]) => Promise<unknown> };
    const original = proto.send;
    proto.send = function send(this: unknown, command: unknown, ...rest: unknown[]) {
      const c = command as Sent['command'];
      if (!recording) return original.call(this, command, ...rest);
      recording.push({
        client,
        command: { constructor: c.constructor as Sent['command']['constructor'], input: structuredClone(c.input) },
      });
      if (client !== 'dynamodb') return original.call(this, command, ...rest);
      (c.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      return original.call(this, command, ...rest).then((output) => {
        const consumed = (
          output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }
        ).ConsumedCapacity;
        for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          units += entry.CapacityUnits ?? 0;
          if (READS.test((c.constructor as { name: string }).name)) readUnits += entry.CapacityUnits ?? 0;
        }
        return output;
      });
    };
  }
}

/** The handler serving `METHOD /path` in its serverless.yml, loaded in this process. */
async function loadHandler(route: string): Promise<Handler> {
  const fn = functionEntries().find((entry) => entry.route === route);
  if (!fn) throw new Error(`No function serves ${route}`);
  return ((await import(fn.entry)) as { handler: Handler }).handler;
}

// A command's input round-trips through JSON to substitute names; a Set (a DynamoDB string set,
// like the checkout's unpaid-order slots) must come back a Set, not an empty map.
const SET_TAG = '__benchSet';
const keepSets = (_key: string, value: unknown) => (value instanceof Set ? { [SET_TAG]: [...value] } : value);
const restoreSets = (_key: string, value: unknown) =>
  value && typeof value === 'object' && SET_TAG in value
    ? new Set((value as Record<string, unknown[]>)[SET_TAG])
    : value;

function stats(times: number[]): { p50: number; p99: number } {
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export const overheadPart: BenchPart = async ({ quick, env }) => {
  const rounds = quick ? 60 : 400;
  // What the handlers read at load beyond the store's environment: the literal values of the
  // serverless.yml files (table names, sender address, payment window), placeholders for the rest.
  for (const [name, value] of Object.entries(coldStartEnv())) process.env[name] ??= value;
  recordSends();
  const raw = createDynamoDbDocumentClient();
  const events = createEventBridgeClient();
  const products = new ProductRepository(raw, env.PRODUCTS_TABLE);
  const carts = new CartRepository(raw, env.ORDERS_TABLE);
  // A catalog page of 20 and a cart of three products with stock for every round.
  const made = await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      products.create({
        name: `Overhead Bench Item ${i}`,
        description: 'For the handler overhead bench.',
        category: CATEGORIES[i % CATEGORIES.length],
        price: 500 + i,
        stock: 1_000_000,
      }),
    ),
  );
  const lines = made.slice(0, 3).map((p) => ({ productId: p.id, count: 1 }));
  const customer = uniqueName('bench_');
  await carts.save(customer, lines, undefined, new Date());

  const handlers = {
    list: await loadHandler('GET /products'),
    cart: await loadHandler('GET /order/{intent}'),
    checkout: await loadHandler('POST /payment/checkout'),
  };
  const caller = (username: string) => ({ username, groups: [] as string[] });
  const listEvent = () => httpEvent({ method: 'GET', path: '/products', query: { sort: 'newest' } });
  const cartEvent = () =>
    httpEvent({ method: 'GET', path: '/order/cart', pathParameters: { intent: 'cart' }, caller: caller(customer) });
  const checkoutEvent = (user: string) =>
    httpEvent({
      method: 'POST',
      path: '/payment/checkout',
      caller: caller(user),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { address: '1 Bench Way', country: 'US' } }),
    });

  const invoke = async (
    handler: Handler,
    event: unknown,
    expect: number | undefined,
  ): Promise<{ ms: number; sent: Sent[]; body: string; units: number; reads: number }> => {
    recording = [];
    units = 0;
    readUnits = 0;
    const started = performance.now();
    const answer = await handler(event, lambdaContext('bench'));
    const ms = performance.now() - started;
    const sent = recording;
    recording = undefined;
    if (expect !== undefined && answer?.statusCode !== expect)
      throw new Error(`handler answered ${answer?.statusCode} in-process: ${answer?.body}`);
    return { ms, sent, body: answer?.body ?? '', units, reads: readUnits };
  };
  const replay = async (sent: Sent[], substitute: (json: string) => string = (json) => json): Promise<number> => {
    const started = performance.now();
    for (const { client, command } of sent) {
      const input = JSON.parse(substitute(JSON.stringify(command.input, keepSets)), restoreSets) as unknown;
      const Command = command.constructor;
      if (client === 'dynamodb') await raw.send(new Command(input) as Parameters<typeof raw.send>[0]);
      else await events.send(new Command(input) as Parameters<typeof events.send>[0]);
    }
    return performance.now() - started;
  };

  // Warm both paths and record the calls of the read-only handlers once.
  const listFirst = await invoke(handlers.list, listEvent(), 200);
  const cartFirst = await invoke(handlers.cart, cartEvent(), 200);
  const listCalls = listFirst.sent;
  const cartCalls = cartFirst.sent;
  for (let i = 0; i < 10; i += 1) {
    await invoke(handlers.list, listEvent(), 200);
    await replay(listCalls);
    await invoke(handlers.cart, cartEvent(), 200);
    await replay(cartCalls);
  }
  const times = {
    list: [] as number[],
    listRaw: [] as number[],
    cart: [] as number[],
    cartRaw: [] as number[],
    checkout: [] as number[],
    checkoutRaw: [] as number[],
  };
  const checkoutRounds = quick ? 30 : 150;
  let checkoutCalls: string[] = [];
  const checkoutUnits: number[] = [];
  const checkoutReads: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    times.list.push((await invoke(handlers.list, listEvent(), 200)).ms);
    times.listRaw.push(await replay(listCalls));
    times.cart.push((await invoke(handlers.cart, cartEvent(), 200)).ms);
    times.cartRaw.push(await replay(cartCalls));
    if (i < checkoutRounds + 3) {
      // Two customers with the same cart: one checks out through the handler, the other's order is
      // placed by replaying the handler's own calls with her name and fresh ids.
      const [a, b] = [uniqueName('bench_'), uniqueName('bench_')];
      await Promise.all([carts.save(a, lines, undefined, new Date()), carts.save(b, lines, undefined, new Date())]);
      const placed = await invoke(handlers.checkout, checkoutEvent(a), 201);
      const result = JSON.parse(placed.body) as { orderId: string; paymentIntentId: string; clientSecret: string };
      const swaps: Array<[string, string]> = [
        [a, b],
        [result.orderId, `o_${randomBytes(16).toString('hex')}`],
        [result.paymentIntentId, `pi_${randomBytes(12).toString('hex')}`],
      ];
      const rawMs = await replay(placed.sent, (json) =>
        swaps.reduce((text, [from, to]) => text.split(from).join(to), json),
      );
      checkoutCalls = placed.sent.map((s) => (s.command.constructor as { name: string }).name);
      checkoutUnits.push(placed.units);
      checkoutReads.push(placed.reads);
      if (i >= 3) {
        times.checkout.push(placed.ms);
        times.checkoutRaw.push(rawMs);
      }
    }
  }

  // One order's whole path, in-process and metered: checkout, the payment webhook, and every event
  // consumer the published events reach (patterns from serverless.yml), as EventBridge would call them.
  const orderSteps: Array<{ step: string; route: string; reads: number; writes: number; ms: number }> = [];
  const dispatch = async (sent: Sent[], depth = 0): Promise<void> => {
    if (depth > 4) return;
    for (const { client, command } of sent) {
      if (client !== 'eventbridge') continue;
      for (const entry of (
        command.input as { Entries?: Array<{ Source?: string; DetailType?: string; Detail?: string }> }
      ).Entries ?? []) {
        for (const fn of functionEntries().filter((f) =>
          f.patterns.some(
            (p) =>
              (!p.source || p.source.includes(entry.Source ?? '')) &&
              (!p['detail-type'] || p['detail-type'].includes(entry.DetailType ?? '')),
          ),
        )) {
          const consumer = ((await import(fn.entry)) as { handler: Handler }).handler;
          const event = {
            version: '0',
            id: randomBytes(8).toString('hex'),
            'detail-type': entry.DetailType,
            source: entry.Source,
            account: '000000000000',
            time: new Date().toISOString(),
            region: 'us-east-1',
            resources: [],
            detail: JSON.parse(entry.Detail ?? '{}') as unknown,
          };
          const result = await invoke(consumer, event, undefined);
          orderSteps.push({
            step: `${entry.DetailType} -> ${fn.id}`,
            route: fn.id,
            reads: result.reads,
            writes: result.units - result.reads,
            ms: result.ms,
          });
          await dispatch(result.sent, depth + 1);
        }
      }
    }
  };
  {
    const buyer = uniqueName('bench_');
    await carts.save(buyer, lines, undefined, new Date());
    const placed = await invoke(handlers.checkout, checkoutEvent(buyer), 201);
    const order = JSON.parse(placed.body) as {
      orderId: string;
      paymentIntentId: string;
      amount: number;
      currency: string;
    };
    orderSteps.push({
      step: 'POST /payment/checkout',
      route: 'POST /payment/checkout',
      reads: placed.reads,
      writes: placed.units - placed.reads,
      ms: placed.ms,
    });
    await dispatch(placed.sent);
    const hook = await loadHandler('POST /payment/hook');
    const { payload, signature } = simulatedWebhook(
      {
        id: order.paymentIntentId,
        amount: order.amount,
        currency: order.currency,
        orderId: order.orderId,
        user: buyer,
      },
      'succeeded',
      env.STRIPE_WEBHOOK_SECRET,
    );
    const paid = await invoke(
      hook,
      httpEvent({
        method: 'POST',
        path: '/payment/hook',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      }),
      200,
    );
    orderSteps.push({
      step: 'POST /payment/hook (payment succeeded)',
      route: 'POST /payment/hook',
      reads: paid.reads,
      writes: paid.units - paid.reads,
      ms: paid.ms,
    });
    await dispatch(paid.sent);
  }
  overheadFigures = {
    routes: [
      {
        route: 'GET /products',
        fnRoute: 'GET /products',
        reads: listFirst.reads,
        writes: listFirst.units - listFirst.reads,
        ms: percentile(times.list, 50),
      },
      {
        route: 'GET /order/cart',
        fnRoute: 'GET /order/{intent}',
        reads: cartFirst.reads,
        writes: cartFirst.units - cartFirst.reads,
        ms: percentile(times.cart, 50),
      },
      {
        route: 'POST /payment/checkout',
        fnRoute: 'POST /payment/checkout',
        reads: median(checkoutReads),
        writes: median(checkoutUnits) - median(checkoutReads),
        ms: percentile(times.checkout, 50),
      },
    ],
    order: orderSteps,
  };
  const stepsTable = mdTable(
    ['step of one order', 'read units', 'write units', 'in-process ms'],
    orderSteps.map((s) => [s.step, s.reads.toFixed(1), s.writes.toFixed(1), s.ms.toFixed(1)]),
    [false, true, true, true],
  );
  console.log(`\nOne order, every step\n${stepsTable}\n`);

  const rows: Array<Array<string | number>> = [];
  const ratios: Array<{ name: string; ratio: number }> = [];
  const add = (name: string, calls: string, handler: number[], rawTimes: number[]): void => {
    const h = stats(handler);
    const r = stats(rawTimes);
    ratios.push({ name, ratio: h.p50 / r.p50 });
    rows.push([
      name,
      calls,
      handler.length,
      h.p50.toFixed(2),
      h.p99.toFixed(2),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      (h.p50 / r.p50).toFixed(2),
    ]);
  };
  const names = (sent: Sent[]) =>
    sent.map((s) => (s.command.constructor as { name: string }).name.replace(/Command$/, '')).join(', ');
  add('GET /products (page of 20, newest)', names(listCalls), times.list, times.listRaw);
  add('GET /order/cart (3 lines)', names(cartCalls), times.cart, times.cartRaw);
  add(
    'POST /payment/checkout (3 lines)',
    checkoutCalls.map((n) => n.replace(/Command$/, '')).join(', '),
    times.checkout,
    times.checkoutRaw,
  );
  const table = mdTable(
    [
      'handler',
      'raw calls (in order)',
      'calls',
      'handler p50 ms',
      'handler p99 ms',
      'raw p50 ms',
      'raw p99 ms',
      'p50 ratio',
    ],
    rows,
    [false, false, true, true, true, true, true, true],
  );
  console.log(`\nHandler overhead\n${table}\n`);
  const over = ratios.filter((r) => r.ratio > 1.5);
  return {
    title: 'Handler overhead',
    markdown: [
      `Warm, in-process, handlers invoked with built HTTP API (v2) events and the authorizer's context (as the unit tests build them), interleaved with their raw calls on DynamoDB Local (${rounds} list and cart calls, ${times.checkout.length} checkouts). *Raw calls* are the handler's own SDK commands, recorded at the client and replayed on a plain client; a checkout's are replayed for a second customer with the same cart (names and new ids substituted), so its transaction reserves stock and places an order just like the handler's. The handler's extra time is parsing, validation, auth context, pricing, presenting and logging.`,
      '',
      table,
      '',
      `Capacity units per request, metered on the handler's own calls (\`ReturnConsumedCapacity: TOTAL\`): GET /products ${listFirst.units.toFixed(1)}, GET /order/cart ${cartFirst.units.toFixed(1)}, checkout ${median(checkoutUnits).toFixed(1)}. One order's whole path (checkout, the payment webhook, and each event consumer the events reach, found by the EventBridge patterns in serverless.yml, invoked in-process as EventBridge would):`,
      '',
      stepsTable,
    ].join('\n'),
    targets: [
      {
        name: 'handler p50 at most 1.5x its raw calls',
        met: over.length === 0,
        detail:
          over.length === 0
            ? ratios.map((r) => `${r.name} ${r.ratio.toFixed(2)}x`).join('; ')
            : `over: ${over.map((r) => `${r.name} ${r.ratio.toFixed(2)}x`).join(', ')}; what dominates is the handler's own work between the calls (validation, presenting, the payment provider's intent)`,
      },
    ],
  };
};
