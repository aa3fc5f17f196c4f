import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { FaultPlan, InMemoryEventBus, Prng } from '../../src/chaos';

const NOW = new Date('2026-01-05T09:00:00Z');

function bus() {
  const plan = new FaultPlan(new Prng(5));
  const events = new InMemoryEventBus(plan, new Prng(6), () => NOW, 3);
  const client = new EventBridgeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  });
  events.attach(client);
  const publish = (type: string) =>
    client.send(
      new PutEventsCommand({
        Entries: [{ Source: 'estore.order', DetailType: type, Detail: JSON.stringify({ type }) }],
      }),
    );
  return { events, publish };
}

describe('the in-memory event bus', () => {
  it('delivers a published event to the consumers whose rule matches it', async () => {
    const { events, publish } = bus();
    const seen: string[] = [];
    events.subscribe({
      name: 'emails',
      source: 'estore.order',
      detailTypes: ['OrderPaid'],
      consumer: async (event) => void seen.push(event['detail-type']),
    });
    await publish('OrderPaid');
    await publish('OrderPlaced');
    await events.drain();
    expect(seen).toEqual(['OrderPaid']);
  });

  it('retries a failing consumer, then dead-letters the event, and a redrive delivers it again', async () => {
    const { events, publish } = bus();
    let calls = 0;
    let healthy = false;
    events.subscribe({
      name: 'emails',
      source: 'estore.order',
      detailTypes: ['OrderPaid'],
      consumer: async () => {
        calls += 1;
        if (!healthy) throw new Error('down');
      },
    });
    await publish('OrderPaid');
    await events.drain();
    expect(calls).toBe(3);
    expect(events.deadLetters).toHaveLength(1);
    healthy = true;
    expect(events.redrive()).toBe(1);
    await events.drain();
    expect(calls).toBe(4);
    expect(events.deadLetters).toHaveLength(0);
    expect(events.deadLettered).toBe(1);
  });

  it('delivers some events twice and holds some back when disturbed', async () => {
    const { events, publish } = bus();
    const seen: string[] = [];
    events.subscribe({
      name: 'emails',
      source: 'estore.order',
      detailTypes: ['OrderPaid'],
      consumer: async (event) => void seen.push(event.id),
    });
    events.disturb({ duplicate: 1, delay: 0 });
    await publish('OrderPaid');
    await events.deliverRound();
    expect(seen).toEqual(['chaos-0', 'chaos-0']);
    events.disturb({ duplicate: 0, delay: 1 });
    await publish('OrderPaid');
    await events.deliverRound();
    expect(events.pendingCount).toBe(1);
  });
});
