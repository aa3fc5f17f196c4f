import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { CATEGORIES, ProductRepository } from '@estore/core/catalog';
import { CartRepository, OrderListing } from '@estore/core/order';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { createTestUser, signInDirect } from '@estore/testkit';
import autocannon, { type Result } from 'autocannon';
import { mdTable } from './format';
import type { BenchPart, BenchTarget } from './section';

/**
 * Part 4 of `npm run bench`: load through the local gateway with autocannon. GET /products at 50
 * connections, then a checkout storm: many customers, each with a cart over a few of 50 products
 * of limited stock, all checking out at once. Afterwards the products, carts and orders are read
 * back from DynamoDB: no stock below zero, and the orders placed took exactly the stock sold.
 */

const STORM_PRODUCTS = 50;

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Runs `task` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i], i);
    }),
  );
  return results;
}

/** Calls `url` until `ready` accepts the answer (a function's first call is its cold start), at most a minute. */
async function warm(url: string, init: RequestInit, ready: (status: number, body: string) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(url, init);
    const body = await response.text();
    if (ready(response.status, body)) return;
    if (Date.now() > deadline)
      throw new Error(`${url} never answered as expected: ${response.status} ${body.slice(0, 200)}`);
  }
}

function statusSplit(result: Result): string {
  const stats = (result as Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.entries(stats)
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(', ');
}

export const loadPart: BenchPart = async ({ quick, env }) => {
  const url = env.ESTORE_API_URL;
  const db = createDynamoDbDocumentClient();
  const products = new ProductRepository(db, env.PRODUCTS_TABLE);
  const carts = new CartRepository(db, env.ORDERS_TABLE);
  const orders = new OrderListing(db, env.ORDERS_TABLE, cursorCodecFromEnv);
  const customers = quick ? 40 : 200;
  const listSeconds = quick ? 5 : 20;

  // Fifty products of limited stock: about half of what the carts ask for, so the storm sells out.
  const unitsPerCustomer = 3;
  const stockEach = Math.max(2, Math.round((customers * unitsPerCustomer) / STORM_PRODUCTS / 2)); // a cart line takes up to 2 of one product
  const stormProducts = await pool(
    Array.from({ length: STORM_PRODUCTS }, (_, i) => i),
    10,
    (i) =>
      products.create({
        name: `Storm Item ${i}`,
        description: 'Limited stock, for the checkout storm.',
        category: CATEGORIES[i % CATEGORIES.length],
        price: 1000 + i,
        stock: stockEach,
      }),
  );

  // serverless-offline answers a Lambda timeout as a 200 whose body is the error: such bodies are errors here.
  const failedBodies = { list: 0, storm: 0 };
  const isLambdaError = (body: string): boolean => body.includes('"errorMessage"') || body.includes('"errorType"');
  // Warm: the first call of a function loads its bundle in serverless-offline (a cold start).
  await warm(`${url}/products`, {}, (status, body) => status === 200 && body.includes('"items"'));
  // serverless-offline starts a worker (a cold start) per concurrent call: warm the 50 the run uses.
  await run({ url: `${url}/products`, connections: 50, amount: 50, timeout: 60 });

  // GET /products: the default page (newest, 20) at 50 connections.
  process.stderr.write(`load: GET /products, 50 connections, ${listSeconds} s\n`);
  const list = await run({
    url: `${url}/products`,
    connections: 50,
    duration: listSeconds,
    requests: [
      {
        method: 'GET',
        onResponse: (_status: number, body: string) => void (isLambdaError(body) && (failedBodies.list += 1)),
      },
    ],
  });

  // Customers straight in the local user pool (as the test kit does: registration is rate-limited on the API).
  const started = Date.now();
  const buyers = await pool(
    Array.from({ length: customers }, (_, i) => i),
    16,
    async (i) => {
      const user = await createTestUser({ prefix: 'storm_', emailVerified: true });
      const tokens = await signInDirect(user.username, user.password);
      // Two lines over the fifty products, 3 units in all.
      const first = stormProducts[(i * 7) % STORM_PRODUCTS];
      const second = stormProducts[(i * 13 + 5) % STORM_PRODUCTS];
      const lines =
        first.id === second.id
          ? [{ productId: first.id, count: 3 }]
          : [
              { productId: first.id, count: 2 },
              { productId: second.id, count: 1 },
            ];
      await carts.save(user.username, lines, undefined, new Date());
      return { username: user.username, token: tokens.accessToken, lines };
    },
  );
  process.stderr.write(
    `load: ${customers} customers with carts in ${((Date.now() - started) / 1000).toFixed(0)} s; checkout storm\n`,
  );

  // Warm the authorizer and checkout with a customer whose cart is empty (400 EMPTY_CART).
  const idle = await createTestUser({ prefix: 'storm_', emailVerified: true });
  const idleToken = (await signInDirect(idle.username, idle.password)).accessToken;
  const emptyCheckout = {
    method: 'POST',
    headers: { authorization: `Bearer ${idleToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ location: { address: '1 Storm Way', country: 'US' } }),
  } as const;
  await warm(`${url}/payment/checkout`, emptyCheckout, (status) => status === 400);
  // serverless-offline starts a worker (a cold start) per concurrent call: warm as many as the storm will use.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const warmed = await run({
      url: `${url}/payment/checkout`,
      connections: customers,
      amount: customers,
      timeout: 60,
      ...emptyCheckout,
    });
    const ready =
      (warmed as Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.['400']?.count ?? 0;
    process.stderr.write(`load: warming ${customers} checkout workers: ${ready} ready\n`);
    if (ready === customers) break;
  }

  // Every customer checks out at once: one connection per customer, one request each.
  let nextBuyer = 0;
  const storm = await run({
    url: `${url}/payment/checkout`,
    connections: customers,
    amount: customers,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        onResponse: (_status: number, body: string) => void (isLambdaError(body) && (failedBodies.storm += 1)),
        setupRequest: (request) => {
          const buyer = buyers[nextBuyer++ % buyers.length];
          return {
            ...request,
            headers: { ...request.headers, 'content-type': 'application/json', authorization: `Bearer ${buyer.token}` },
            body: JSON.stringify({ location: { address: '1 Storm Way', country: 'US' } }),
          };
        },
      },
    ],
  });

  // Read back: stock left, and every order each customer holds.
  const after = await products.getMany(stormProducts.map((p) => p.id));
  const negative = after.filter((p) => p.stock < 0);
  const stockSold = stormProducts.length * stockEach - after.reduce((sum, p) => sum + p.stock, 0);
  let ordersPlaced = 0;
  let unitsOrdered = 0;
  await pool(buyers, 8, async (buyer) => {
    const page = await orders.listForUser(buyer.username, { status: 'all', limit: 20 });
    ordersPlaced += page.items.length;
    for (const order of page.items) unitsOrdered += order.items.reduce((sum, item) => sum + item.count, 0);
  });
  const stats = (storm as Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const count = (status: string): number => stats[status]?.count ?? 0;
  const created = count('201');
  const serverErrors = Object.entries(stats)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, s]) => sum + (s.count ?? 0), 0);
  const listErrors = list.non2xx + list.errors + list.timeouts + failedBodies.list;

  const rows = [
    [
      'GET /products (page of 20, newest)',
      `50 connections, ${listSeconds} s`,
      list.requests.average.toFixed(0),
      list.latency.p50,
      list.latency.p99,
      list.requests.total,
      `${statusSplit(list)}; ${failedBodies.list} Lambda errors in a 200, ${list.errors} errors, ${list.timeouts} timeouts`,
    ],
    [
      'POST /payment/checkout (storm)',
      `${customers} customers at once`,
      storm.requests.average.toFixed(0),
      storm.latency.p50,
      storm.latency.p99,
      storm.requests.total,
      `${statusSplit(storm)}; ${failedBodies.storm} Lambda errors in a 200, ${storm.errors} errors, ${storm.timeouts} timeouts`,
    ],
  ];
  const table = mdTable(['run', 'load', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'answers'], rows, [
    false,
    false,
    true,
    true,
    true,
    true,
    false,
  ]);
  const checks = mdTable(
    ['check (read back from DynamoDB)', 'figure'],
    [
      [
        'products in the storm, stock each',
        `${STORM_PRODUCTS} x ${stockEach} = ${STORM_PRODUCTS * stockEach} units; carts asked for ${customers * unitsPerCustomer}`,
      ],
      ['orders placed (201 answers)', created],
      ['orders found in the customers\u2019 order lists', ordersPlaced],
      ['409 INSUFFICIENT_STOCK answers (expected)', count('409')],
      ['5xx answers (must be 0)', serverErrors],
      ['stock sold (stock before minus stock after)', stockSold],
      ['units in the orders placed', unitsOrdered],
      ['products with stock below zero (must be 0)', negative.length],
    ],
    [false, true],
  );
  console.log(`\nLoad through the local gateway\n${table}\n\n${checks}\n`);
  const consistent = negative.length === 0 && stockSold === unitsOrdered && ordersPlaced === created;
  const targets: BenchTarget[] = [
    {
      name: 'checkout storm: no stock below zero, orders placed equal stock sold',
      met: consistent && created > 0,
      detail: `${created} orders placed (${ordersPlaced} found), ${stockSold} units sold, ${unitsOrdered} units in orders, ${negative.length} products below zero${created === 0 ? '; no order was placed, so nothing was shown (every checkout was refused or timed out in serverless-offline)' : ''}`,
    },
    {
      name: 'no 5xx and no errors under load (409 INSUFFICIENT_STOCK is expected in the storm)',
      met:
        serverErrors === 0 &&
        storm.errors === 0 &&
        storm.timeouts === 0 &&
        failedBodies.storm === 0 &&
        listErrors === 0,
      detail: `GET /products: ${statusSplit(list)}, ${failedBodies.list} Lambda errors answered as 200 by serverless-offline, ${list.errors} errors, ${list.timeouts} timeouts; storm: ${statusSplit(storm)}, ${failedBodies.storm} Lambda errors in a 200, ${storm.errors} errors, ${storm.timeouts} timeouts. Under a loaded machine serverless-offline's 10 s timeout kills functions whose cold load runs long; what dominates is the emulator on this machine, not AWS`,
    },
  ];
  return {
    title: 'Load through the local gateway',
    markdown: [
      `autocannon against the local gateway (${url}: the gateway proxies to serverless-offline, which runs each function in-process; one request per connection, as the gateway closes each). Local figures measure this machine's emulators, not AWS; they show the store holds its rules under concurrency. Customers are created straight in cognito-local (registration is rate-limited on the API) and their carts written through the cart repository; then all of them check out at once, one connection each.`,
      '',
      table,
      '',
      checks,
    ].join('\n'),
    targets,
  };
};
