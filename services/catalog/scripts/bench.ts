import { performance } from 'node:perf_hooks';
import { CATEGORIES, ProductRepository, type ProductListQuery } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { meteredClient } from '@estore/testkit';

/**
 * `npm run bench -w @estore/catalog` against a running local store: latency of each list/search
 * shape through the gateway, and the read units each costs (from DynamoDB's ConsumedCapacity,
 * measured on the same queries through the repository). Prints figures; asserts nothing.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const api = requireEnv('ESTORE_API_URL');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeHttp(path: string): Promise<{ p50: number; p95: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  await fetch(`${api}${path}`); // warm the function
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${api}${path}`);
    const body = (await response.json()) as { items?: unknown[] };
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    items = body.items?.length ?? 1;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), items };
}

async function main(): Promise<void> {
  const { db, take } = meteredClient();
  const repository = new ProductRepository(db, `estore-catalog-${requireEnv('STAGE')}-products`);
  const sampleId = (await repository.list({ sort: 'newest', limit: 1 })).items[0]?.id;
  if (!sampleId) throw new Error('The catalog is empty: run `npm run seed` first');

  const cases: Array<{ label: string; query?: ProductListQuery; path: string }> = [
    { label: 'one product by id', path: `/product/${sampleId}` },
    { label: 'all, newest, 20', query: { sort: 'newest', limit: 20 }, path: '/products' },
    { label: 'all, price asc, 100', query: { sort: 'price_asc', limit: 100 }, path: '/products?sort=price_asc&limit=100' },
    { label: `category ${CATEGORIES[1]}, price desc, 20`, query: { category: CATEGORIES[1], sort: 'price_desc', limit: 20 }, path: `/products?category=${encodeURIComponent(CATEGORIES[1])}&sort=price_desc` },
    { label: 'search "ze", newest, 20', query: { search: 'ze', sort: 'newest', limit: 20 }, path: '/products?search=ze' },
    { label: 'search "lamp" in a category, 20', query: { search: 'lamp', category: 'Home & Kitchen', sort: 'price_asc', limit: 20 }, path: `/products?search=lamp&category=${encodeURIComponent('Home & Kitchen')}&sort=price_asc` },
    { label: 'search "zebra quan" (filter), 20', query: { search: 'zebra quan', sort: 'newest', limit: 20 }, path: '/products?search=zebra%20quan' },
  ];

  console.log(`catalog bench: ${ROUNDS} requests per case through ${api}\n`);
  console.log(['case'.padEnd(42), 'items', 'p50 ms', 'p95 ms', 'read units'].join('  '));
  for (const c of cases) {
    take();
    if (c.query) await repository.list(c.query);
    else await repository.get(sampleId);
    const units = take();
    const timing = await timeHttp(c.path);
    console.log([c.label.padEnd(42), String(timing.items).padStart(5), timing.p50.toFixed(1).padStart(6), timing.p95.toFixed(1).padStart(6), units.toFixed(1).padStart(10)].join('  '));
  }
}

main().catch((error: Error) => {
  console.error(`catalog bench failed: ${error.message}`);
  process.exitCode = 1;
});
