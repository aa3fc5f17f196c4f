import type { SweepReport } from '../../../src/expiry-sweep';
import { expireOrders } from '../../../src/handlers/expire-orders';

const REPORT: SweepReport = { due: 2, canceled: 1, skipped: 1, failed: 0 };

describe('the expiry schedule', () => {
  let run: jest.Mock<Promise<SweepReport>, [Date]>;
  let sweep: ReturnType<typeof expireOrders>;

  beforeEach(() => {
    run = jest.fn<Promise<SweepReport>, [Date]>(async () => REPORT);
    sweep = expireOrders({ sweep: { run } });
  });

  it('sweeps as of the schedule’s own time and answers the sweep’s report', async () => {
    await expect(sweep({ time: '2026-03-01T12:01:00Z' })).resolves.toEqual(REPORT);
    expect(run).toHaveBeenCalledWith(new Date('2026-03-01T12:01:00Z'));
  });

  it('sweeps as of now when the event carries no usable time', async () => {
    const before = Date.now();
    await sweep({ time: 'not a time' });
    await sweep();
    for (const [now] of run.mock.calls) expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
