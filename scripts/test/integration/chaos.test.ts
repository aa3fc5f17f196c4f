import { runChaos } from '../../chaos/engine';

/**
 * `npm run chaos` in small: a fixed seed, one batch of a few customers at the fault points where
 * an invocation dies after its side effect (the hardest case for the saga), against the running
 * stack's DynamoDB Local on scratch tables of its own. Every invariant must hold.
 */
jest.setTimeout(120_000);

it('keeps every invariant when invocations die right after their side effects', async () => {
  const result = await runChaos({
    seed: 19,
    runs: 1,
    probability: 0.3,
    size: { customers: 4, products: 3 },
    sweepOrders: 16,
    only: 'crash-after',
  });

  const struck = result.cases.reduce((sum, c) => sum + c.struck, 0);
  const violations = result.cases.flatMap((c) => c.examples.map((v) => `${c.point} ${v.invariant}: ${v.detail}`));
  expect(result.cases.length).toBeGreaterThanOrEqual(6);
  expect(struck).toBeGreaterThan(0);
  expect(violations).toEqual([]);
  expect(result.totalViolations).toBe(0);
  expect(result.sweep.orders).toBe(16);
});
