import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '@estore/core/aws';
import {
  ORDER_STATUSES,
  OrderListing,
  type OrderRecord,
  OrderRefunds,
  OrderRepository,
  type StatusFilter,
} from '@estore/core/order';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import type { PaymentProvider } from '@estore/core/payments';
import { meteredClient } from '@estore/testkit';
import { PRICES } from './cost';
import { mdTable } from './format';
import { cloneTable, writeInBatches } from './growth';
import type { BenchPart, BenchTarget } from './section';

/**
 * Part of `npm run bench`: read units of one page of staff's `GET /orders` as the store's orders
 * grow (the sharded listing of docs/data-model.md, through the OrderListing the handler uses), and
 * what recording a refund costs, on a scratch copy of the orders table.
 */

const ITEMS = [
  {
    productId: 'bench-mug',
    name: 'Oak mug',
    category: 'Home & Kitchen' as const,
    price: 1299,
    count: 2,
    lineTotal: 2598,
  },
  {
    productId: 'bench-lamp',
    name: 'Desk lamp',
    category: 'Home & Kitchen' as const,
    price: 4599,
    count: 1,
    lineTotal: 4599,
  },
  { productId: 'bench-book', name: 'Steel book', category: 'Books' as const, price: 1999, count: 1, lineTotal: 1999 },
];
const AMOUNT = ITEMS.reduce((sum, item) => sum + item.lineTotal, 0);

/** The i-th synthetic order: ten customers, a status mix like a running store's, a minute apart. */
function benchOrder(i: number): OrderRecord {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  const status = ORDER_STATUSES[[1, 1, 1, 4, 4, 5, 5, 3, 2, 0][i % 10]];
  const orderId = `o_${i.toString(16).padStart(32, '0')}`;
  return {
    orderId,
    user: `bench-customer-${i % 10}`,
    status,
    items: ITEMS,
    amount: AMOUNT,
    currency: 'usd',
    location: { address: '1 Bench Street, Springfield', country: 'US' },
    paymentIntentId: `pi_bench_${i}`,
    shipment: null,
    refunds: {},
    refundHeld: 0,
    revision: 1,
    ...(status === 'PENDING_PAYMENT' ? {} : { paidAt: at }),
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'PENDING_PAYMENT', at, note: 'order placed', by: `bench-customer-${i % 10}` }],
    outbox: {},
    emailsSent: {},
  };
}

/** Adds orders until the table holds `target`, as BatchWriteItem of 25 with 12 batches in flight. */
async function growTo(db: DynamoDBDocumentClient, orders: OrderRepository, from: number, target: number) {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = from; i < target; i += 25) {
    batches.push(
      Array.from({ length: Math.min(25, target - i) }, (_, k) => orders.placeAction(benchOrder(i + k)).Put?.Item ?? {}),
    );
  }
  await writeInBatches(db, orders.tableName, batches);
}

const MODES: Array<{ mode: string; status: StatusFilter; user?: string; second?: boolean }> = [
  { mode: 'all, first page', status: 'all' },
  { mode: 'all, second page', status: 'all', second: true },
  { mode: 'status paid', status: 'paid' },
  { mode: 'one customer', status: 'all', user: 'bench-customer-3' },
];

/** A provider that accepts every refund at once, so the refund's own storage cost is what is measured. */
const acceptingProvider: PaymentProvider = {
  name: 'simulated',
  createIntent: async () => ({ id: 'pi_unused', clientSecret: 'unused' }),
  cancelIntent: async () => 'canceled',
  getIntent: async () => undefined,
  findIntentForOrder: async () => undefined,
  createRefund: async (request) => ({ id: `re_bench_${request.refundId}`, status: 'pending' }),
  getRefund: async () => undefined,
};

export const ordersGrowthPart: BenchPart = async ({ quick, env }) => {
  // Quick stays at 1k and up: below it a shard holds fewer than a page of one status, and the
  // smaller figure would be a partial page, not the flat cost the target compares.
  const sizes = quick ? [1000, 2000] : [1000, 10_000, 100_000];
  const raw = createDynamoDbDocumentClient();
  const { db, take } = meteredClient();
  const table = `${env.ORDERS_TABLE}-bench-orders`;
  await cloneTable(raw, env.ORDERS_TABLE, table);
  const seeding = new OrderRepository(raw, table);
  const listing = new OrderListing(db, table, cursorCodecFromEnv);
  const rows: Array<Array<string | number>> = [];
  const units = new Map<string, number[]>();
  let refundLine = '';
  let have = 0;
  try {
    for (const size of sizes) {
      const started = Date.now();
      await growTo(raw, seeding, have, size);
      have = size;
      process.stderr.write(`orders: seeded ${size} orders in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      for (const m of MODES) {
        const first = await listing.listAll({ status: m.status, user: m.user, limit: 20 });
        take();
        const page = m.second
          ? await listing.listAll({ status: m.status, limit: 20, cursor: first.nextCursor ?? undefined })
          : await listing.listAll({ status: m.status, user: m.user, limit: 20 });
        const pageUnits = take();
        units.set(m.mode, [...(units.get(m.mode) ?? []), pageUnits]);
        const row = [size.toLocaleString('en'), m.mode, page.items.length, pageUnits.toFixed(1)];
        rows.push(row);
        console.log(`orders: ${row.join(' | ')}`);
      }
    }
    // One refund recorded and sent, then settled by its webhook: the order's reads and writes.
    const refunds = new OrderRefunds({
      orders: new OrderRepository(db, table),
      provider: async () => acceptingProvider,
    });
    take();
    const refund = await refunds.request(benchOrder(1).orderId, { amount: 500, reason: 'bench', by: 'bench-staff' });
    const recordUnits = take();
    await refunds.settle(benchOrder(1).orderId, refund.refundId, 'SUCCEEDED');
    const settleUnits = take();
    const perMillion = (recordUnits + settleUnits) * PRICES.dynamoWritePerMillion;
    refundLine = `**A refund on paper.** Recording and sending one refund (\`POST /orders/{id}/refunds\`: GetItem, the conditional UpdateItem that adds it, the UpdateItem noting the provider's id) cost ${recordUnits.toFixed(1)} capacity units here, and settling it from its webhook (GetItem and one conditional UpdateItem) ${settleUnits.toFixed(1)}: about $${perMillion.toFixed(2)} of DynamoDB per million refunds at the on-demand write price (counting every unit as a write, the dearer kind), plus in AWS one rewrite of the order's copy in each ALL-projected index it sits in (byUser, byShard; DynamoDB Local reports the table's units only), about as much again. Add two Lambda invocations and one EventBridge event per refund (${PRICES.region} list prices in part 5): well under $10 per million refunds. The provider's own fees are not in this figure.`;
  } finally {
    await raw.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  }
  const growth = MODES.map((m) => {
    const series = units.get(m.mode) ?? [0];
    return { mode: m.mode, ratio: Math.max(series.at(-1) ?? 0, 0.5) / Math.max(series[0], 0.5) };
  });
  const grew = growth.filter((g) => g.ratio > 1.2);
  const largest = sizes.at(-1) ?? 0;
  const targets: BenchTarget[] = [
    {
      name: `GET /orders at ${largest.toLocaleString('en')} orders at most 1.2x its ${sizes[0].toLocaleString('en')} figure`,
      met: grew.length === 0,
      detail:
        grew.length === 0
          ? `largest ratio ${Math.max(...growth.map((g) => g.ratio)).toFixed(2)} (${growth.map((g) => `${g.mode} ${g.ratio.toFixed(2)}`).join('; ')})`
          : `grew: ${grew.map((g) => `${g.mode} ${g.ratio.toFixed(2)}x`).join(', ')}`,
    },
  ];
  const markdown = [
    `Read units (DynamoDB Local, \`ReturnConsumedCapacity: TOTAL\`) of one page of 20 of staff's \`GET /orders\` through the OrderListing its handler uses: 8 Queries of the sharded byShard / byStatusShard index merged newest first, or one Query of byUser for \`?user=\` (docs/data-model.md). Sizes: ${sizes.map((s) => s.toLocaleString('en')).join(', ')} orders of three lines (~1.5 KB each), ten customers, a status mix like a running store's, seeded by BatchWriteItem on a scratch copy of the orders table.`,
    '',
    mdTable(['orders', 'mode', 'items', 'read units'], rows, [true, false, true, true]),
    '',
    refundLine,
  ].join('\n');
  return { title: 'Staff order listing as orders grow', markdown, targets };
};
