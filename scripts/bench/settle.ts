import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Settled {
  waitedSeconds: number;
  loadAverage: number;
}

/**
 * Waits (up to `maxSeconds`) until the 1-minute load average is below `below`, so timings start on
 * a machine that has let go of what ran before (CI runs the quick bench straight after the tests,
 * at a load of 3 on 2 cores). Says how long it waited and at what load the timing began.
 */
export async function settle(below: number, maxSeconds: number, log: (line: string) => void): Promise<Settled> {
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  log(`waiting for the load average to fall below ${below} (now ${loadavg()[0].toFixed(1)}, at most ${maxSeconds} s)`);
  while (loadavg()[0] >= below && elapsed() < maxSeconds) await sleep(2000);
  return { waitedSeconds: Math.round(elapsed()), loadAverage: loadavg()[0] };
}
