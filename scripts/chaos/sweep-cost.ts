import { CATEGORIES } from '@estore/core/catalog';
import { LOCATION } from './customers';
import { type ChaosWorld, PAYMENT_WINDOW_MINUTES } from './world';

export interface SweepCost {
  /** Expired orders one sweep run worked through. */
  orders: number;
  elapsedMs: number;
  /** Calls per order the run made, by service (no faults). */
  dynamoDbCallsPerOrder: number;
  eventBridgeCallsPerOrder: number;
  providerCallsPerOrder: number;
}

const CHECKOUTS_AT_ONCE = 8;

/**
 * The sweep's local per-order cost, measured once per chaos run without faults: `count` unpaid
 * orders placed by real checkouts, time moved past their deadline, then one sweep run expires
 * them all (intent canceled, order canceled, stock released, OrderCanceled published), its wall
 * time and the calls it made counted.
 */
export async function measureSweep(world: ChaosWorld, count: number): Promise<SweepCost> {
  world.plan.clear();
  const now = world.clock.now();
  const id = `sweep-${now.getTime().toString(36)}`;
  const product = await world.products.create(
    { name: 'chaos sweep measure', category: CATEGORIES[0], price: 500, stock: count },
    { id, now },
  );
  const users = Array.from({ length: count }, (_, i) => `${id}-c${i}`);
  for (const user of users) await world.carts.save(user, [{ productId: product.id, count: 1 }], undefined, now);
  for (let i = 0; i < users.length; i += CHECKOUTS_AT_ONCE) {
    await Promise.all(
      users
        .slice(i, i + CHECKOUTS_AT_ONCE)
        .map((user) => world.plan.invoke('measure-checkout', () => world.checkout.checkout(user, LOCATION))),
    );
  }
  world.clock.advance((PAYMENT_WINDOW_MINUTES + 1) * 60_000);
  world.plan.resetCounts();
  const report = await world.plan.invoke('measured-sweep', () => world.sweep.run(world.clock.now()));
  const calls = Object.entries(world.plan.callCounts('measured-sweep'));
  const per = (service: string) =>
    calls.filter(([point]) => point.startsWith(`${service}:`)).reduce((sum, [, n]) => sum + n, 0) /
    Math.max(1, report.due);
  return {
    orders: report.due,
    elapsedMs: report.elapsedMs,
    dynamoDbCallsPerOrder: per('dynamodb'),
    eventBridgeCallsPerOrder: per('eventbridge'),
    providerCallsPerOrder: per('stripe'),
  };
}
