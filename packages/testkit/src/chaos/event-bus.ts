import type { EventBridgeClient, PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from 'aws-lambda';
import { answerInMemory } from './aws-faults';
import type { FaultPlan } from './fault-plan';
import type { Prng } from './prng';

export type BusEvent = EventBridgeEvent<string, unknown>;

/** A rule of the bus: which events reach which consumer (a Lambda target, run as one invocation each). */
export interface BusRule {
  /** The invocation name faults can target, e.g. `on-payment-event`. */
  name: string;
  source: string;
  detailTypes: readonly string[];
  consumer: (event: BusEvent) => Promise<void>;
}

export interface BusChaos {
  /** The chance that a delivery arrives twice (EventBridge delivers at least once). */
  duplicate: number;
  /** The chance that a delivery waits for a later round (so later events overtake it). */
  delay: number;
}

interface Delivery {
  event: BusEvent;
  rule: BusRule;
  attempts: number;
}

export interface DeadLetter {
  event: BusEvent;
  rule: string;
  error: string;
}

const CALM: BusChaos = { duplicate: 0, delay: 0 };

/**
 * EventBridge between the services, in process. Publishers keep their real EventBridge client
 * (so `eventbridge:PutEvents` faults apply to it); its PutEvents lands here instead of on the
 * network. Each round delivers what is pending to the matching rules' consumers in a random order,
 * some twice, some later; a consumer that throws (or crashes) is retried on later rounds, up to
 * `maxAttempts` in all (EventBridge's retries of an async Lambda target), then the event goes to
 * the dead-letter list, as to the DLQ.
 */
export class InMemoryEventBus {
  readonly published: BusEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];
  /** Every event that ever reached the dead-letter list (also after a redrive), for the report. */
  deadLettered = 0;
  private readonly rules: BusRule[] = [];
  private pending: Delivery[] = [];
  private chaos: BusChaos = CALM;

  constructor(
    private readonly plan: FaultPlan,
    private readonly random: Prng,
    private readonly now: () => Date,
    private readonly maxAttempts = 3,
  ) {}

  /** Makes `client`'s PutEvents publish on this bus. */
  attach(client: EventBridgeClient): void {
    answerInMemory(client, 'PutEvents', async (input) => {
      const entries = (input as PutEventsCommandInput).Entries ?? [];
      for (const entry of entries) this.accept(entry.Source ?? '', entry.DetailType ?? '', entry.Detail ?? '{}');
      return {
        $metadata: { httpStatusCode: 200 },
        FailedEntryCount: 0,
        Entries: entries.map((_, i) => ({ EventId: `chaos-${this.published.length - entries.length + i}` })),
      };
    });
  }

  subscribe(rule: BusRule): void {
    this.rules.push(rule);
  }

  /** Duplicates and delays from now on (none by default). */
  disturb(chaos: BusChaos = CALM): void {
    this.chaos = chaos;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Delivers one round: every pending delivery at most once (twice if duplicated), in a random order. */
  async deliverRound(): Promise<number> {
    const round = this.random.shuffle(this.pending);
    this.pending = [];
    let delivered = 0;
    for (const delivery of round) {
      if (this.random.chance(this.chaos.delay)) {
        this.pending.push(delivery);
        continue;
      }
      const copies = this.random.chance(this.chaos.duplicate) ? 2 : 1;
      for (let copy = 0; copy < copies; copy += 1) {
        delivered += 1;
        await this.attempt(copy === 0 ? delivery : { ...delivery, attempts: 0 });
      }
    }
    return delivered;
  }

  /** Rounds until nothing is pending (retries included), at most `maxRounds`. */
  async drain(maxRounds = 20): Promise<void> {
    for (let round = 0; round < maxRounds && this.pending.length > 0; round += 1) await this.deliverRound();
  }

  /** An operator's redrive of the DLQ (docs/operations.md): each dead letter delivered again, afresh. */
  redrive(): number {
    const letters = this.deadLetters.splice(0);
    for (const letter of letters) {
      const rule = this.rules.find((candidate) => candidate.name === letter.rule);
      if (rule) this.pending.push({ event: letter.event, rule, attempts: 0 });
    }
    return letters.length;
  }

  private accept(source: string, detailType: string, detail: string): void {
    const event: BusEvent = {
      id: `chaos-${this.published.length}`,
      version: '0',
      account: '000000000000',
      time: this.now().toISOString(),
      region: 'us-east-1',
      resources: [],
      source,
      'detail-type': detailType,
      detail: JSON.parse(detail) as unknown,
    };
    this.published.push(event);
    for (const rule of this.rules) {
      if (rule.source === source && rule.detailTypes.includes(detailType))
        this.pending.push({ event, rule, attempts: 0 });
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const attempts = delivery.attempts + 1;
    try {
      await this.plan.invoke(delivery.rule.name, () => delivery.rule.consumer(delivery.event));
    } catch (error) {
      if (attempts < this.maxAttempts) this.pending.push({ ...delivery, attempts });
      else {
        this.deadLetters.push({ event: delivery.event, rule: delivery.rule.name, error: String(error) });
        this.deadLettered += 1;
      }
    }
  }
}
