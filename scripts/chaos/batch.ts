import { CATEGORIES } from '@estore/core/catalog';
import type { FaultRule, Prng } from '@estore/testkit';
import { type Customer, checkOut } from './customers';
import type { ChaosWorld } from './world';

/** What a customer does once their checkout answered (or what happens to their payment). */
const STORIES = [
  'pay',
  'pay',
  'abandon',
  'decline-then-pay',
  'bank-debit',
  'cancel-unpaid',
  'cancel-then-pay',
  'pay-then-cancel',
  'pay-then-staff-cancel',
  'pay-then-refunds',
] as const;
export type Story = (typeof STORIES)[number];

export interface BatchProduct {
  id: string;
  stock: number;
}

export interface Batch {
  id: string;
  products: BatchProduct[];
  customers: Customer[];
  stories: Map<string, Story>;
}

export interface BatchSize {
  customers: number;
  products: number;
}

const MINUTE = 60_000;

/** Staff's refunds and cancels, and the customer's cancel, as their routes run them; errors are the answers. */
const answered = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    () => undefined,
  );

/**
 * One scenario batch: fresh products with known stock, customers with carts, concurrent checkouts
 * (with and without Idempotency-Key) retried as clients do, then each customer's story (paying,
 * declines, bank debits, cancels before and after paying, late payments, concurrent staff
 * refunds) interleaved with webhook deliveries (duplicated, reordered), bus rounds (duplicated,
 * delayed, retried) and sweeps at advancing times, all under `rules`.
 */
export async function runBatch(
  world: ChaosWorld,
  id: string,
  rules: FaultRule[],
  size: BatchSize,
  favoured?: Story,
): Promise<Batch> {
  const random = world.random;
  const now = world.clock.now();
  const products: BatchProduct[] = [];
  for (let i = 0; i < size.products; i += 1) {
    const product = await world.products.create(
      {
        name: `chaos ${id} ${i}`,
        category: CATEGORIES[i % CATEGORIES.length],
        price: 100 + random.int(5000),
        stock: 30,
      },
      { id: `${id}-p${i}`, now },
    );
    products.push({ id: product.id, stock: product.stock });
  }
  const customers: Customer[] = [];
  const stories = new Map<string, Story>();
  for (let i = 0; i < size.customers; i += 1) {
    const user = `${id}-c${i}`;
    const lines = random
      .shuffle(products)
      .slice(0, 1 + random.int(Math.min(3, products.length)))
      .map((product) => ({ productId: product.id, count: 1 + random.int(4) }));
    await world.carts.save(user, lines, undefined, now);
    customers.push({ user, lines, ...(random.chance(0.5) ? { key: `key-${user}` } : {}) });
    stories.set(user, favoured && random.chance(0.75) ? favoured : random.pick(STORIES));
  }

  world.plan.use(rules);
  world.bus.disturb({ duplicate: 0.25, delay: 0.25 });
  // Hot products: everyone checks out at once.
  await Promise.all(customers.map((customer) => checkOut(world, customer)));

  for (const customer of customers) await beginStory(world, customer, stories.get(customer.user)!);
  for (let step = 0; step < 4; step += 1) {
    world.clock.advance((5 + random.int(15)) * MINUTE);
    await deliverWebhooks(world, random, true);
    await world.bus.deliverRound();
    if (step === 2) {
      for (const customer of customers) await continueStory(world, customer, stories.get(customer.user)!);
    }
    await world.plan.invoke('sweep', () => world.sweep.run(world.clock.now())).catch(() => undefined);
  }
  return { id, products, customers, stories };
}

/** The intent of a customer's order: from the checkout's answer, else as the provider knows it. */
function intentOf(world: ChaosWorld, customer: Customer): string | undefined {
  if (customer.paymentIntentId) return customer.paymentIntentId;
  return [...world.stripe.intents.values()].find((intent) => intent.orderId === customer.orderId)?.id;
}

async function beginStory(world: ChaosWorld, customer: Customer, story: Story): Promise<void> {
  const intent = intentOf(world, customer);
  if (!customer.orderId) return;
  const cancel = () =>
    answered(
      world.plan.invoke('customer-cancel', () =>
        world.cancellation.cancel(customer.orderId!, { by: 'customer', username: customer.user }),
      ),
    );
  switch (story) {
    case 'pay':
    case 'pay-then-cancel':
    case 'pay-then-staff-cancel':
    case 'pay-then-refunds':
      if (intent) world.stripe.pay(intent);
      return;
    case 'decline-then-pay':
      if (intent) world.stripe.decline(intent);
      return;
    case 'bank-debit':
      if (intent) world.stripe.startProcessing(intent);
      return;
    case 'cancel-unpaid':
      await cancel();
      return;
    case 'cancel-then-pay':
      // The customer cancels in one tab and pays in another: the provider may still take the money.
      if (intent && world.random.chance(0.5)) world.stripe.startProcessing(intent);
      await cancel();
      if (intent) world.stripe.pay(intent);
      return;
    case 'abandon':
      return;
  }
}

async function continueStory(world: ChaosWorld, customer: Customer, story: Story): Promise<void> {
  const orderId = customer.orderId;
  const intent = intentOf(world, customer);
  if (!orderId) return;
  switch (story) {
    case 'decline-then-pay':
      if (intent) world.stripe.pay(intent);
      return;
    case 'bank-debit':
      // Half the debits clear after the payment window, so the sweep finds a payment it must reconcile.
      if (intent && world.random.chance(0.5)) world.stripe.pay(intent);
      return;
    case 'pay-then-cancel':
      await answered(
        world.plan.invoke('customer-cancel', () =>
          world.cancellation.cancel(orderId, { by: 'customer', username: customer.user }),
        ),
      );
      return;
    case 'pay-then-staff-cancel':
      await answered(
        world.plan.invoke('staff', () =>
          world.cancellation.cancel(orderId, { by: 'staff', username: 'staff-1', reason: 'chaos' }),
        ),
      );
      return;
    case 'pay-then-refunds': {
      // Two staff members refund at once, each with their own key, then one retries with the same key.
      const order = await world.orders.get(orderId);
      const amount = order?.amount ?? 100;
      const refund = (by: string, part: number) =>
        answered(
          world.plan.invoke('staff', () =>
            world.staffRefunds.refund(orderId, {
              amount: Math.max(1, Math.floor(amount * part)),
              reason: 'chaos',
              by,
              key: `${orderId}-${by}`,
            }),
          ),
        );
      await Promise.all([refund('staff-1', 0.6), refund('staff-2', 0.6)]);
      await refund('staff-1', 0.6);
      return;
    }
    default:
      return;
  }
}

/**
 * Stripe's webhook deliveries: every event the provider owes, in a random order when `chaos`,
 * some twice; one that fails stays owed and is delivered again later (Stripe retries for days).
 */
export async function deliverWebhooks(world: ChaosWorld, random: Prng, chaos: boolean): Promise<void> {
  const owed = world.stripe.webhooks.splice(0);
  const order = chaos ? random.shuffle(owed) : owed;
  for (const webhook of order) {
    const deliver = () =>
      world.plan.invoke('webhook', () => world.webhook.receive(webhook.payload, world.stripe.sign(webhook.payload)));
    const delivered = await deliver().then(
      () => true,
      () => false,
    );
    if (!delivered) world.stripe.webhooks.push(webhook);
    else if (chaos && random.chance(0.25)) await deliver().catch(() => undefined);
  }
}

/**
 * After the faults stop: the world runs as it would once AWS and the provider recover. Hours pass
 * (the first `faultyRounds` still under the faults, so work due hours later, such as asking the
 * provider about a refund, meets them too), the provider's webhooks, bank debits and pending
 * refunds settle, the bus drains, dead letters are redriven (the runbook), and the sweep runs
 * until nothing is due.
 */
export async function recover(world: ChaosWorld, faultyRounds = 2): Promise<void> {
  for (let round = 0; round < 14; round += 1) {
    const faulty = round < faultyRounds;
    if (!faulty) {
      world.plan.clear();
      world.bus.disturb();
    }
    await deliverWebhooks(world, world.random, faulty);
    await world.bus.drain();
    world.bus.redrive();
    await world.bus.drain();
    // Bank debits clear (or bounce) in a few days.
    for (const intent of world.stripe.intents.values()) {
      if (intent.status !== 'processing') continue;
      if (world.random.chance(0.8)) world.stripe.pay(intent.id);
      else world.stripe.decline(intent.id);
    }
    // Refunds settle at the bank once the faults are over: until then the sweep asks about them.
    for (const refund of faulty ? [] : world.stripe.pendingRefunds())
      world.stripe.settleRefund(refund.id, world.random.chance(0.85) ? 'succeeded' : 'failed');
    world.clock.advance(2 * 60 * MINUTE);
    const sweep = () => world.sweep.run(world.clock.now());
    const report = faulty ? await world.plan.invoke('sweep', sweep).catch(() => undefined) : await sweep();
    if (report?.due === 0 && !faulty && world.stripe.webhooks.length === 0 && world.bus.pendingCount === 0) break;
  }
}
