import type { SweepReport } from '../../../src/expiry-sweep';
import { expireOrders, SWEEP_MARGIN_MS } from '../../../src/handlers/expire-orders';

const REPORT: SweepReport = {
  due: 2,
  canceled: 1,
  paid: 0,
  rescheduled: 0,
  settled: 0,
  skipped: 1,
  failed: 0,
  unfinished: 0,
  elapsedMs: 12,
};

describe('the expiry schedule', () => {
  let run: jest.Mock<Promise<SweepReport>, [Date, number]>;
  let sweep: ReturnType<typeof expireOrders>;

  beforeEach(() => {
    run = jest.fn<Promise<SweepReport>, [Date, number]>(async () => REPORT);
    sweep = expireOrders({ sweep: { run } });
  });

  it('sweeps as of the schedule’s own time and answers the sweep’s report', async () => {
    await expect(sweep({ time: '2026-03-01T12:01:00Z' })).resolves.toEqual(REPORT);
    expect(run).toHaveBeenCalledWith(new Date('2026-03-01T12:01:00Z'), expect.any(Number));
  });

  it('stops starting orders when only the margin is left of the function’s time', async () => {
    const before = Date.now();
    await sweep({ time: '2026-03-01T12:01:00Z' }, { getRemainingTimeInMillis: () => 60_000 });
    const deadline = run.mock.calls[0][1];
    expect(deadline - before).toBeLessThanOrEqual(60_000 - SWEEP_MARGIN_MS + 50);
    expect(deadline - before).toBeGreaterThan(60_000 - SWEEP_MARGIN_MS - 1_000);
  });

  it('sweeps as of now when the event carries no usable time', async () => {
    const before = Date.now();
    await sweep({ time: 'not a time' });
    await sweep();
    for (const [now] of run.mock.calls) expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
