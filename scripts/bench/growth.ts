import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { CATEGORIES, type ProductListQuery, type ProductRecord, ProductRepository } from '@estore/core/catalog';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { meteredClient } from '@estore/testkit';
import { mdTable } from './format';
import type { BenchPart, BenchTarget } from './section';

/**
 * Part 1 of `npm run bench`: read units of one GET /products page of 20 as the catalog grows,
 * through the repository the handler uses, beside a Scan with a filter answering the same
 * question on the same data in the same run. The Scan is bench-only code (the lint rule keeps
 * Scan out of services/ and packages/ sources). Runs on a scratch copy of the products table's
 * definition, so the store's own data is never touched.
 */

export const COMMON_WORD = 'lamp';
const NOTHING_WORD = 'zzqxv';
const WORDS = ['oak', 'steel', 'blue', 'soft', 'mini', 'pro', 'eco', 'kit', 'set', 'desk', 'mug', 'cap'];
// About as long as a short product blurb: item size drives read units (4 KB per unit).
const DESCRIPTION =
  'A sturdy everyday product for home and office, made to last, easy to clean, and shipped in recyclable packaging.';

interface GrowthCase {
  mode: string;
  listing: boolean;
  query: ProductListQuery;
  scan: { expression: string; names?: Record<string, string>; values: Record<string, unknown> };
}

function growthCases(): GrowthCase[] {
  const category = CATEGORIES[1];
  const product = { expression: 'SK = :product', values: { ':product': 'PRODUCT' } };
  const word = (w: string) => ({
    expression: `${product.expression} AND contains(#name, :w)`,
    names: { '#name': 'name' },
    values: { ...product.values, ':w': w },
  });
  return [
    {
      mode: `category "${category}", newest`,
      listing: true,
      query: { category, sort: 'newest', limit: 20 },
      scan: { expression: `${product.expression} AND category = :c`, values: { ...product.values, ':c': category } },
    },
    { mode: 'all, price ascending', listing: true, query: { sort: 'price_asc', limit: 20 }, scan: product },
    { mode: 'all, newest', listing: true, query: { sort: 'newest', limit: 20 }, scan: product },
    {
      mode: `search "${COMMON_WORD}" (1 product in 5)`,
      listing: false,
      query: { search: COMMON_WORD, sort: 'newest', limit: 20 },
      scan: word(COMMON_WORD),
    },
    {
      mode: `search "${NOTHING_WORD}" (matches nothing)`,
      listing: false,
      query: { search: NOTHING_WORD, sort: 'newest', limit: 20 },
      scan: word(NOTHING_WORD),
    },
  ];
}

/** A fresh table shaped like `source` (keys and indexes), named `name`. */
export async function cloneTable(raw: DynamoDBDocumentClient, source: string, name: string): Promise<void> {
  const { Table } = await raw.send(new DescribeTableCommand({ TableName: source }));
  if (!Table) throw new Error(`No table ${source}`);
  await raw.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  const input: CreateTableCommandInput = {
    TableName: name,
    KeySchema: Table.KeySchema,
    AttributeDefinitions: Table.AttributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: Table.GlobalSecondaryIndexes?.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection,
    })),
  };
  await raw.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client: raw, maxWaitTime: 60 }, { TableName: name });
}

/**
 * Adds products until the table holds `target`, with the repository's own create actions (the
 * product item and its search entries), as BatchWriteItem of 25 with 12 batches in flight.
 */
async function growTo(
  db: DynamoDBDocumentClient,
  repository: ProductRepository,
  from: number,
  target: number,
): Promise<number> {
  const started = Date.UTC(2025, 0, 1);
  const batches: Array<Array<Record<string, unknown>>> = [];
  let current: Array<Record<string, unknown>> = [];
  for (let i = from; i < target; i += 1) {
    const name = [WORDS[i % WORDS.length], WORDS[(i * 7 + 3) % WORDS.length], i % 5 === 0 ? COMMON_WORD : 'chair'].join(
      ' ',
    );
    const at = new Date(started + i * 60_000).toISOString();
    const record: ProductRecord = {
      id: `bench-${String(i).padStart(6, '0')}`,
      name,
      description: DESCRIPTION,
      category: CATEGORIES[i % CATEGORIES.length],
      price: 100 + ((i * 7919) % 100_000),
      currency: 'usd',
      stock: 100,
      images: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    for (const action of repository.createActions(record)) {
      if (!action.Put) continue;
      current.push(action.Put.Item as Record<string, unknown>);
      if (current.length === 25) {
        batches.push(current);
        current = [];
      }
    }
  }
  if (current.length) batches.push(current);
  await writeInBatches(db, repository.tableName, batches);
  return batches.reduce((sum, batch) => sum + batch.length, 0);
}

/** Writes batches of at most 25 items with BatchWriteItem, 12 in flight, retrying unprocessed items. */
export async function writeInBatches(
  db: DynamoDBDocumentClient,
  table: string,
  batches: Array<Array<Record<string, unknown>>>,
): Promise<void> {
  const queue = [...batches];
  const worker = async (): Promise<void> => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      let pending: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = batch.map((Item) => ({
        PutRequest: { Item },
      }));
      while (pending && pending.length > 0) {
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = result.UnprocessedItems?.[table] as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
}

/** Read units of answering the case by Scan with a filter: the whole table, in parallel segments. */
async function scanUnits(
  db: DynamoDBDocumentClient,
  table: string,
  scan: GrowthCase['scan'],
): Promise<{ units: number; matched: number }> {
  const segments = 4;
  const perSegment = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let units = 0;
      let matched = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: table,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: scan.expression,
            ExpressionAttributeNames: scan.names,
            ExpressionAttributeValues: scan.values,
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        units += page.ConsumedCapacity?.CapacityUnits ?? 0;
        matched += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return { units, matched };
    }),
  );
  return perSegment.reduce((a, b) => ({ units: a.units + b.units, matched: a.matched + b.matched }), {
    units: 0,
    matched: 0,
  });
}

/** What a one-word search page costs, what would bring it to ~2 read units, and why it is not built (docs/decisions.md). */
const SEARCH_COST = [
  '**Search pages.** A one-word search page reads its 20 search entries with one Query (~1 unit) and then the 20 products by BatchGetItem, which bills every item as its own 4 KB read (0.5 each, 10 units): about 11 units, flat as the catalog grows. What would bring it to ~2: search entries carrying the list projection of their product (name, description, category, price, currency, images, dates), so the page is the Query alone (20 entries of ~0.7 KB: 2 units). What that costs in writes: creating a product writes the same number of items (each still under 1 KB, unless the description is long: a 4,000-character one makes every copy 5 write units); every edit of a listed field (description, images, price, name) rewrites all the product\u2019s entries, 16 for a three-word name and up to 49, at 2 write units each in the transaction (today only a rename, price or category change does); and **stock**, which the list shows, changes at every checkout: copying it would add up to 49 updates per cart line to checkout\u2019s TransactWriteItems (a 100-action limit; a two-line cart could no longer check out), so stock would have to stay out of the copy and reach search results another way (a stream consumer refreshing the copies, eventually consistent, ~16 write units per line sold; or a search answer without live stock, a contract change). In dollars at the prices of part 5: saving 9 read units is $1.1 per million searches; a stream refresh is ~$10 per million lines sold and a listed-field edit ~$20 per million edits. Worth it if searches outnumber lines sold by more than ~10 to 1, but it needs a stream consumer the local stack does not run today (no plugin here wires DynamoDB Local streams into serverless-offline) or a contract change: not built here; see docs/decisions.md.',
].join('\n');

export interface GrowthFigures {
  /** Read units per page, by mode, at the largest size. */
  unitsAtLargest: Record<string, number>;
  largest: number;
}

/** The last run's figures, for the cost part. */
export let growthFigures: GrowthFigures | undefined;

export const growthPart: BenchPart = async ({ quick, env }) => {
  const sizes = quick ? [200, 1000] : [1000, 10_000, 50_000];
  const raw = createDynamoDbDocumentClient();
  const { db, take } = meteredClient();
  const table = `${env.PRODUCTS_TABLE}-bench-growth`;
  await cloneTable(raw, env.PRODUCTS_TABLE, table);
  const seeding = new ProductRepository(raw, table);
  const repository = new ProductRepository(db, table, cursorCodecFromEnv);
  const cases = growthCases();
  const rows: Array<Array<string | number>> = [];
  const units = new Map<string, number[]>();
  let have = 0;
  try {
    for (const size of sizes) {
      const started = Date.now();
      const items = await growTo(raw, seeding, have, size);
      have = size;
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `growth: seeded ${size} products (${items} items, ${(items / seconds).toFixed(0)} items/s) in ${seconds.toFixed(0)} s\n`,
      );
      for (const c of cases) {
        take();
        const page = await repository.list(c.query);
        const pageUnits = take();
        const scan = await scanUnits(raw, table, c.scan);
        units.set(c.mode, [...(units.get(c.mode) ?? []), pageUnits]);
        const row = [
          size.toLocaleString('en'),
          c.mode,
          page.items.length,
          pageUnits.toFixed(1),
          scan.units.toFixed(1),
          `${(scan.units / Math.max(pageUnits, 0.5)).toFixed(0)}x`,
        ];
        rows.push(row);
        console.log(`growth: ${row.join(' | ')}`);
      }
    }
  } finally {
    await raw.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  }
  const largest = sizes[sizes.length - 1];
  growthFigures = {
    largest,
    unitsAtLargest: Object.fromEntries(cases.map((c) => [c.mode, units.get(c.mode)!.at(-1)!])),
  };

  const listingWorst = Math.max(...cases.filter((c) => c.listing).flatMap((c) => units.get(c.mode)!));
  // DynamoDB Local reports 0 for a Query that finds nothing (AWS bills 0.5): the floor of a ratio.
  const growth = cases.map((c) => {
    const series = units.get(c.mode)!;
    return { mode: c.mode, ratio: Math.max(series.at(-1)!, 0.5) / Math.max(series[0], 0.5) };
  });
  const grew = growth.filter((g) => g.ratio > 1.2);
  const searchUnits = units.get(cases[3].mode)!.at(-1)!;
  const targets: BenchTarget[] = [
    {
      name: 'listings at most 2 read units per page of 20',
      met: listingWorst <= 2,
      detail: `worst listing page ${listingWorst.toFixed(1)} read units (category, price sort, newest); a search page of a common word costs ${searchUnits.toFixed(1)}, see below`,
    },
    {
      name: `every mode at ${largest.toLocaleString('en')} products at most 1.2x its ${sizes[0].toLocaleString('en')} figure`,
      met: grew.length === 0,
      detail:
        grew.length === 0
          ? `largest ratio ${Math.max(...growth.map((g) => g.ratio)).toFixed(2)} (${growth.map((g) => `${g.mode} ${g.ratio.toFixed(2)}`).join('; ')})`
          : `grew: ${grew.map((g) => `${g.mode} ${g.ratio.toFixed(2)}x`).join(', ')}`,
    },
  ];
  const markdown = [
    `Read units (DynamoDB Local, \`ReturnConsumedCapacity: TOTAL\`) of one page of 20 through the ProductRepository GET /products uses, beside a Scan with a filter answering the same question on the same table in the same run (bench-only code; a Scan cannot sort, so a sorted page from it reads the whole table: products and search entries). Sizes: ${sizes.map((s) => s.toLocaleString('en')).join(', ')} products of three short words each, a ${DESCRIPTION.length}-character description, 1 in 5 named with "${COMMON_WORD}", seeded with the repository's own create actions (product item plus one entry per word prefix) by BatchWriteItem. DynamoDB Local reports 0 units for a Query that finds nothing; AWS bills 0.5.`,
    '',
    mdTable(['products', 'mode', 'items', 'read units', 'Scan read units', 'Scan / query'], rows, [
      true,
      false,
      true,
      true,
      true,
      true,
    ]),
    '',
    SEARCH_COST,
  ].join('\n');
  return { title: 'Cost as data grows', markdown, targets };
};
