import { functionEntries } from './coldstart';
import { mdTable } from './format';
import { growthFigures } from './growth';
import { overheadFigures } from './overhead';
import type { BenchPart } from './section';

/**
 * Part 5 of `npm run bench`: AWS cost on paper, from the units the other parts measured in this
 * run (read and write units per request, in-process duration), at list prices. Runs after the
 * growth and overhead parts.
 */

/** us-east-1 list prices, as published by AWS on their pricing pages; checked 2025-11-01. */
export const PRICES = {
  checked: '2025-11-01',
  region: 'us-east-1',
  dynamoReadPerMillion: 0.125, // on-demand, per million read request units
  dynamoWritePerMillion: 0.625, // on-demand, per million write request units
  lambdaArmPerGbSecond: 0.0000133334, // arm64, first 7.5 billion GB-s a month
  lambdaPerMillion: 0.2, // requests
  httpApiPerMillion: 1.0, // HTTP API, first 300 million requests a month
  eventBridgePerMillion: 1.0, // custom events put on a bus
};

/**
 * Lambda bills each invocation in 1 ms steps; locally the handler's warm in-process time stands for
 * it. AWS's arm64 at 256 MB is slower than this machine's Node, so durations are floored at 10 ms.
 */
const MIN_BILLED_MS = 10;

interface Line {
  label: string;
  reads: number;
  writes: number;
  ms: number;
  memoryMb: number;
  http: boolean;
  events: number;
}

function perMillion(line: Line): { dynamo: number; lambda: number; api: number; events: number; total: number } {
  const dynamo = line.reads * PRICES.dynamoReadPerMillion + line.writes * PRICES.dynamoWritePerMillion;
  const lambda =
    (Math.max(line.ms, MIN_BILLED_MS) / 1000) * (line.memoryMb / 1024) * 1e6 * PRICES.lambdaArmPerGbSecond +
    PRICES.lambdaPerMillion;
  const api = line.http ? PRICES.httpApiPerMillion : 0;
  const events = line.events * PRICES.eventBridgePerMillion;
  return { dynamo, lambda, api, events, total: dynamo + lambda + api + events };
}

const money = (n: number): string => `$${n.toFixed(3)}`;

export const costPart: BenchPart = async () => {
  if (!overheadFigures || !growthFigures)
    throw new Error('the cost part needs the growth and overhead parts of the same run');
  const memory = (route: string): number =>
    functionEntries().find((fn) => fn.route === route || fn.id === route)?.memoryMb ?? 1024;
  const listMs = overheadFigures.routes.find((r) => r.route === 'GET /products')?.ms ?? 0;
  const lines: Line[] = overheadFigures.routes.map((r) => ({
    label: r.route,
    reads: r.reads,
    writes: r.writes,
    ms: r.ms,
    memoryMb: memory(r.fnRoute),
    http: true,
    events: r.route === 'POST /payment/checkout' ? 1 : 0,
  }));
  // Search pages at the largest catalog size, priced from the growth part's units.
  for (const [mode, units] of Object.entries(growthFigures.unitsAtLargest).filter(([mode]) =>
    mode.startsWith('search'),
  )) {
    lines.push({
      label: `GET /products ${mode} at ${growthFigures.largest.toLocaleString('en')} products`,
      reads: Math.max(units, 0.5),
      writes: 0,
      ms: listMs,
      memoryMb: memory('GET /products'),
      http: true,
      events: 0,
    });
  }
  // Every protected request also invokes its service's authorizer: the gateway caches no verdict
  // (decision 4). It makes no AWS call (its JWKS and verified tokens are cached per container), so
  // it is billed at the floor; the line prices what a gateway cache could save at most.
  lines.push({
    label: 'authorizer, on each protected request (no gateway cache)',
    reads: 0,
    writes: 0,
    ms: 0,
    memoryMb: memory('authorizer'),
    http: false,
    events: 0,
  });
  const routeRows = lines.map((line) => {
    const cost = perMillion(line);
    return [
      line.label,
      line.reads.toFixed(1),
      line.writes.toFixed(1),
      line.ms.toFixed(1),
      line.memoryMb,
      money(cost.dynamo),
      money(cost.lambda),
      money(cost.api),
      money(cost.events),
      `**${money(cost.total)}**`,
    ];
  });
  // One order: every step of its path (checkout, webhook, event consumers), each a Lambda invocation.
  let perThousand = 0;
  const orderRows = overheadFigures.order.map((step) => {
    const isHttp = step.route.startsWith('POST ');
    const published = step.route === 'POST /payment/checkout' || step.route === 'POST /payment/hook' ? 1 : 0;
    const cost = perMillion({
      label: step.step,
      reads: step.reads,
      writes: step.writes,
      ms: step.ms,
      memoryMb: memory(step.route),
      http: isHttp,
      events: published,
    });
    perThousand += cost.total / 1000;
    return [step.step, step.reads.toFixed(1), step.writes.toFixed(1), step.ms.toFixed(1), money(cost.total / 1000)];
  });
  orderRows.push(['**one thousand orders**', '', '', '', `**${money(perThousand)}**`]);
  const routeTable = mdTable(
    [
      'request',
      'read units',
      'write units',
      'billed ms (in-process p50, min 10)',
      'MB',
      'DynamoDB',
      'Lambda',
      'HTTP API',
      'EventBridge',
      'total per million',
    ],
    routeRows,
    [false, true, true, true, true, true, true, true, true, true],
  );
  const orderTable = mdTable(
    ['step of an order', 'read units', 'write units', 'billed ms', '$ per thousand orders'],
    orderRows,
    [false, true, true, true, true],
  );
  console.log(`\nAWS cost on paper\n${routeTable}\n\n${orderTable}\n`);
  return {
    title: 'AWS cost on paper',
    markdown: [
      `Prices: ${PRICES.region} list prices checked ${PRICES.checked} (AWS pricing pages; check before relying on them): DynamoDB on-demand $${PRICES.dynamoReadPerMillion} per million read request units and $${PRICES.dynamoWritePerMillion} per million write request units; Lambda arm64 $${PRICES.lambdaArmPerGbSecond} per GB-second and $${PRICES.lambdaPerMillion} per million requests; HTTP API $${PRICES.httpApiPerMillion} per million requests; EventBridge $${PRICES.eventBridgePerMillion} per million custom events. Units are this run's (DynamoDB Local's ConsumedCapacity of each handler's own calls; transactions count double, as in AWS); memory is each function's in serverless.yml; duration is the warm in-process p50 of part 3, at least ${MIN_BILLED_MS} ms (Lambda on arm64 at 256 MB runs slower than this machine). Cold starts, logs (CloudWatch ingestion, often the largest line), data transfer and free tiers are left out.`,
      '',
      '### Per million requests',
      '',
      routeTable,
      '',
      '### Per thousand orders (checkout, payment webhook, and the event consumers)',
      '',
      orderTable,
    ].join('\n'),
    targets: [],
  };
};
