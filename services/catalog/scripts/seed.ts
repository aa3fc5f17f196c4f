import { parseArgs } from 'node:util';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff, createDynamoDbDocumentClient } from '@estore/core/aws';
import { CURRENCY, type ProductRecord, ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { Presets, SingleBar } from 'cli-progress';
import { type SeedProduct, sampleCatalog, syntheticCatalog } from './catalog-data';

/**
 * `npm run seed`: the sample catalog (210 products, ten categories), written once: a product
 * already there is left as it is (its stock may have moved). `-- --products N` adds N synthetic
 * products for benchmarks through batch writes.
 */
const db = createDynamoDbDocumentClient();
const tableName = `estore-catalog-${requireEnv('STAGE')}-products`;
const repository = new ProductRepository(db, tableName);

function record(product: SeedProduct): ProductRecord {
  const at = product.createdAt.toISOString();
  return {
    id: product.id,
    ...product.input,
    description: product.input.description ?? '',
    currency: CURRENCY,
    images: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

async function inParallel<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The sample catalog, only the products not stored yet: a product already there is left as it
 * is (its stock may have moved). Search entries go first and product items last, so a run cut
 * short leaves no product without its entries, and the next run writes that product again.
 */
async function seedSample(): Promise<{ written: number; kept: number }> {
  const products = sampleCatalog();
  const present = new Set((await repository.getMany(products.map((p) => p.id))).map((p) => p.id));
  const missing = products
    .filter((p) => !present.has(p.id))
    .map((p) => repository.createActions(record(p)).map((action) => action.Put?.Item as Record<string, unknown>));
  await inParallel(
    chunk(
      missing.flatMap((items) => items.slice(1)),
      25,
    ),
    16,
    (batch) => batchPut(db, batch),
  );
  await inParallel(
    chunk(
      missing.map((items) => items[0]),
      25,
    ),
    16,
    (batch) => batchPut(db, batch),
  );
  return { written: missing.length, kept: products.length - missing.length };
}

/** BatchWriteItem with the unprocessed items retried after a jittered, growing pause. */
async function batchPut(client: DynamoDBDocumentClient, items: Array<Record<string, unknown>>): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await backoff(attempt, 50, 5000);
    if (attempt > 12)
      throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`);
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
  }
}

/** Synthetic products, bulk-loaded: batches of 25 puts (product and search items), idempotent by id. */
async function seedSynthetic(count: number): Promise<void> {
  const bar = new SingleBar(
    {
      format: 'products {bar} {percentage}% | {value}/{total} | {rate}/s | eta {eta}s',
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  bar.start(count, 0, { rate: 0 });
  const started = Date.now();
  let done = 0;
  const chunks = function* () {
    let buffer: Array<Record<string, unknown>> = [];
    let products = 0;
    for (const product of syntheticCatalog(count)) {
      buffer.push(
        ...repository.createActions(record(product)).map((action) => action.Put?.Item as Record<string, unknown>),
      );
      products += 1;
      if (buffer.length >= 25 * 8) {
        yield { items: buffer, products };
        buffer = [];
        products = 0;
      }
    }
    if (buffer.length > 0) yield { items: buffer, products };
  };
  await inParallel(chunks(), 4, async ({ items, products }) => {
    const batches = [];
    for (let i = 0; i < items.length; i += 25) batches.push(batchPut(db, items.slice(i, i + 25)));
    await Promise.all(batches);
    done += products;
    bar.update(done, { rate: Math.round(done / ((Date.now() - started) / 1000)) });
  });
  bar.stop();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { products: { type: 'string' } }, allowPositionals: true, strict: false });
  const started = Date.now();
  const sample = await seedSample();
  console.log(
    `catalog: sample products ${sample.written} written, ${sample.kept} already there (${Date.now() - started} ms)`,
  );
  if (typeof values.products === 'string') {
    const count = Number(values.products);
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`--products must be a positive whole number, got "${values.products}"`);
    await seedSynthetic(count);
    console.log(`catalog: ${count} synthetic products loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().catch((error: Error) => {
  console.error(`catalog seed failed: ${error.message}`);
  process.exitCode = 1;
});
