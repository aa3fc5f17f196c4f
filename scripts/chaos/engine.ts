import type { FaultKind, FaultRule } from '@estore/testkit';
import { type BatchSize, recover, runBatch, type Story } from './batch';
import { batchOrders, checkDue, checkSettled, INVARIANTS, type Invariant, type Violation } from './invariants';
import { measureSweep, type SweepCost } from './sweep-cost';
import { ChaosWorld } from './world';

/** A fault point and what goes wrong there: one row of the report. */
export interface FaultCase {
  point: string;
  kind: FaultKind | 'none';
  /** Points few paths reach: the story most customers of the batch follow, so the point is called. */
  story?: Story;
  /** Every refund stays pending at the provider until the faults are over (so the sweep asks about it). */
  pendingRefunds?: boolean;
  /** Points only a first failure reaches (an intent never recorded): the fault that leads there, once. */
  reach?: FaultRule;
}

/**
 * Every fault point of the saga and what can go wrong at it. Transactions: the checkout's
 * placement, every transition, refunds recorded; UpdateItem: intents recorded, outbox claims and
 * clears, reschedules, email claims; PutItem/GetItem: carts restored, idempotency records, orders
 * read; Query: the sweep's due index; PutEvents: every event; SendEmail: every email; the
 * provider: every method.
 */
export const FAULT_CASES: FaultCase[] = [
  { point: 'baseline', kind: 'none' },
  ...(['throttle', 'server-error', 'timeout', 'conflict', 'crash-after'] as const).map((kind) => ({
    point: 'dynamodb:TransactWriteItems',
    kind,
  })),
  ...(['throttle', 'timeout', 'crash-after'] as const).map((kind) => ({ point: 'dynamodb:UpdateItem', kind })),
  ...(['throttle', 'crash-after'] as const).map((kind) => ({ point: 'dynamodb:PutItem', kind })),
  ...(['throttle', 'server-error'] as const).map((kind) => ({ point: 'dynamodb:GetItem', kind })),
  { point: 'dynamodb:Query', kind: 'throttle' },
  ...(['throttle', 'server-error', 'crash-after'] as const).map((kind) => ({ point: 'eventbridge:PutEvents', kind })),
  ...(['throttle', 'crash-after'] as const).map((kind) => ({ point: 'ses:SendEmail', kind })),
  ...(['server-error', 'timeout', 'crash-after'] as const).map((kind) => ({ point: 'stripe:createIntent', kind })),
  ...(['server-error', 'crash-after'] as const).map((kind) => ({ point: 'stripe:cancelIntent', kind })),
  { point: 'stripe:getIntent', kind: 'server-error', story: 'bank-debit' },
  {
    point: 'stripe:findIntentForOrder',
    kind: 'server-error',
    story: 'abandon',
    reach: { point: 'stripe:createIntent', kind: 'crash-after', nth: [1], invocation: 'checkout' },
  },
  ...(['server-error', 'timeout', 'crash-after'] as const).map((kind) => ({
    point: 'stripe:createRefund',
    kind,
    story: 'pay-then-refunds' as const,
  })),
  { point: 'stripe:getRefund', kind: 'server-error', story: 'pay-then-refunds', pendingRefunds: true },
];

export interface ChaosOptions {
  seed: number;
  /** Batches per fault case. */
  runs: number;
  size: BatchSize;
  /** The probability of the fault on each call at its point, inside invocations. */
  probability: number;
  /** Only the cases whose `point:kind` contains this text. */
  only?: string;
  log?: (line: string) => void;
  /** Expired orders the closing measurement of the sweep works through. */
  sweepOrders?: number;
}

export interface CaseResult extends FaultCase {
  runs: number;
  /** Faults that actually struck. */
  struck: number;
  orders: number;
  violations: Record<Invariant, number>;
  deadLetters: number;
  examples: Violation[];
}

export interface ChaosResult {
  seed: number;
  cases: CaseResult[];
  sweep: SweepCost;
  totalViolations: number;
  elapsedMs: number;
}

/** The point's first call always fails (so every point is exercised at least once per batch), later ones at random. */
const rulesFor = (fault: FaultCase, probability: number): FaultRule[] =>
  fault.kind === 'none'
    ? []
    : [
        ...(fault.reach ? [fault.reach] : []),
        { point: fault.point, kind: fault.kind, nth: [1] },
        { point: fault.point, kind: fault.kind, probability },
      ];

/** Runs every fault case `runs` times against fresh scratch tables of DynamoDB Local, checking the invariants. */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const world = await ChaosWorld.create(options.seed);
  const cases: CaseResult[] = [];
  let sweep: SweepCost | undefined;
  try {
    const selected = FAULT_CASES.filter(
      (fault) => !options.only || `${fault.point}:${fault.kind}`.includes(options.only),
    );
    for (const [index, fault] of selected.entries()) {
      const result: CaseResult = {
        ...fault,
        runs: 0,
        struck: 0,
        orders: 0,
        violations: Object.fromEntries(INVARIANTS.map((name) => [name, 0])) as Record<Invariant, number>,
        deadLetters: 0,
        examples: [],
      };
      for (let run = 0; run < options.runs; run += 1) {
        const batchId = `b${index}r${run}s${options.seed}`;
        const struckBefore = world.plan.struck.length;
        const deadBefore = world.bus.deadLettered;
        world.stripe.instantRefunds = fault.pendingRefunds ? 0 : 0.5;
        const batch = await runBatch(world, batchId, rulesFor(fault, options.probability), options.size, fault.story);
        const during = checkDue(await batchOrders(world, batch));
        await recover(world);
        result.struck += world.plan.struck.slice(struckBefore).filter((hit) => hit.point === fault.point).length;
        const orders = await batchOrders(world, batch);
        const violations = [...during, ...(await checkSettled(world, batch, orders))];
        result.runs += 1;
        result.orders += orders.length;
        result.deadLetters += world.bus.deadLettered - deadBefore;
        for (const violation of violations) {
          result.violations[violation.invariant] += 1;
          if (result.examples.length < 5) result.examples.push(violation);
        }
        log(
          `${fault.point} ${fault.kind} run ${run + 1}: ${orders.length} orders, ${
            world.plan.struck.length - struckBefore
          } faults, ${violations.length} violations${violations.length ? `: ${violations[0].invariant} ${violations[0].detail}` : ''}`,
        );
      }
      cases.push(result);
    }
    sweep = await measureSweep(world, options.sweepOrders ?? 48);
  } finally {
    await world.close();
  }
  const totalViolations = cases.reduce(
    (sum, result) => sum + Object.values(result.violations).reduce((a, b) => a + b, 0),
    0,
  );
  return {
    seed: options.seed,
    cases,
    sweep: sweep as SweepCost,
    totalViolations,
    elapsedMs: Date.now() - started,
  };
}
