import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prng } from './prng';

/**
 * Test-only marker: the bundle rule (scripts/lib/template-rules.ts) fails when a deployed bundle
 * contains it, which proves the fault layer never ships.
 */
export const CHAOS_MARKER = 'estore-chaos-fault-layer-never-deployed';

/**
 * What can go wrong at a fault point:
 * - `throttle`: the service refuses the call (DynamoDB `ProvisionedThroughputExceededException`,
 *   EventBridge/SES throttling, a 429 from the provider); nothing happened.
 * - `server-error`: a 5xx; nothing happened.
 * - `timeout`: no answer in time; the call may or may not have landed (decided by the plan's PRNG),
 *   as with a real timeout.
 * - `conflict`: DynamoDB cancels a transaction with `TransactionConflict` (only transactions).
 * - `crash-after`: the call succeeds, then the invocation dies (`SimulatedCrash`): nothing it does
 *   afterwards reaches the outside world, as when a Lambda times out or its container is killed.
 */
export const FAULT_KINDS = ['throttle', 'server-error', 'timeout', 'conflict', 'crash-after'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Where a fault strikes: `<service>:<operation>`, e.g. `dynamodb:TransactWriteItems`, `stripe:createRefund`. */
export type FaultPoint = string;

export interface FaultRule {
  point: FaultPoint;
  kind: FaultKind;
  /** Strikes on these calls of the point (1-based, counted inside invocations), else ... */
  nth?: number[];
  /** ... with this probability on each call. */
  probability?: number;
  /** Only inside invocations with this name (`checkout`, `webhook`, `sweep`, ...); any when absent. */
  invocation?: string;
}

/** A fault that struck, for the report. */
export interface StruckFault {
  point: FaultPoint;
  kind: FaultKind;
  invocation: string;
}

/** Thrown where an invocation died: the engine treats it as a crashed Lambda (no answer, retried by its source). */
export class SimulatedCrash extends Error {
  constructor(readonly point: FaultPoint) {
    super(`simulated crash after ${point}`);
    this.name = 'SimulatedCrash';
  }
}

interface Invocation {
  name: string;
  crashed: boolean;
}

/**
 * The faults of one chaos run and the invocations they strike. Calls made outside an invocation
 * (seeding, the invariant checks) are never faulted. Once an invocation has crashed, every later
 * call it makes fails with `SimulatedCrash` before doing anything: a dead function sends nothing.
 */
export class FaultPlan {
  private rules: FaultRule[] = [];
  private readonly calls = new Map<FaultPoint, number>();
  private readonly scope = new AsyncLocalStorage<Invocation>();
  /** Calls per invocation name and point, faulted or not, since `resetCounts` (what a piece of work costs). */
  private readonly counts = new Map<string, Map<FaultPoint, number>>();
  readonly struck: StruckFault[] = [];
  /** Told of each crash right after its side effect (the mail outbox marks the email that was sent). */
  readonly onCrash: Array<(point: FaultPoint) => void> = [];

  constructor(readonly random: Prng) {}

  /** Replaces the rules (and restarts the call counts): one set per scenario batch. */
  use(rules: FaultRule[]): void {
    this.rules = rules;
    this.calls.clear();
  }

  clear(): void {
    this.use([]);
  }

  /** Runs `work` as one invocation named `name`; faults strike only inside it. */
  invoke<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.scope.run({ name, crashed: false }, work);
  }

  /** The fault to apply to this call, if any; throws `SimulatedCrash` if the invocation already died. */
  decide(point: FaultPoint): FaultKind | undefined {
    const invocation = this.scope.getStore();
    if (!invocation) return undefined;
    if (invocation.crashed) throw new SimulatedCrash(point);
    const counts = this.counts.get(invocation.name) ?? new Map<FaultPoint, number>();
    counts.set(point, (counts.get(point) ?? 0) + 1);
    this.counts.set(invocation.name, counts);
    const call = (this.calls.get(point) ?? 0) + 1;
    this.calls.set(point, call);
    const rule = this.rules.find(
      (candidate) =>
        candidate.point === point &&
        (!candidate.invocation || candidate.invocation === invocation.name) &&
        (candidate.nth ? candidate.nth.includes(call) : this.random.chance(candidate.probability ?? 0)),
    );
    if (!rule) return undefined;
    this.struck.push({ point, kind: rule.kind, invocation: invocation.name });
    return rule.kind;
  }

  /** The calls invocations named `name` made, by point. */
  callCounts(name: string): Record<FaultPoint, number> {
    return Object.fromEntries(this.counts.get(name) ?? []);
  }

  resetCounts(): void {
    this.counts.clear();
  }

  /** Marks the current invocation dead and says so. */
  crash(point: FaultPoint): SimulatedCrash {
    const invocation = this.scope.getStore();
    if (invocation) invocation.crashed = true;
    for (const listener of this.onCrash) listener(point);
    return new SimulatedCrash(point);
  }

  /**
   * Runs one call at `point` under the plan: `fail(kind)` builds the error the real service would
   * answer. A timeout waits `timeoutMs`, lets the call land or not (the PRNG decides), then fails.
   */
  async around<T>(
    point: FaultPoint,
    call: () => Promise<T>,
    fail: (kind: FaultKind) => Error,
    timeoutMs = 5,
  ): Promise<T> {
    const kind = this.decide(point);
    if (!kind) return call();
    if (kind === 'crash-after') {
      await call();
      throw this.crash(point);
    }
    if (kind === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, timeoutMs));
      if (this.random.chance(0.5)) await call().catch(() => undefined);
    }
    throw fail(kind);
  }
}
