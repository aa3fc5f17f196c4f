import type { Context, ScheduledEvent } from 'aws-lambda';
import type { ExpirySweep } from '../expiry-sweep';
import { expireOrdersDependencies } from '../wiring';

export interface ExpireOrdersDependencies {
  sweep: Pick<ExpirySweep, 'run'>;
}

/**
 * What a run leaves of its function's time: the last order started may still make a provider
 * call (a Stripe timeout and a retry, about 7 s) and a few writes before the function times out.
 */
export const SWEEP_MARGIN_MS = 10_000;

/**
 * Runs every minute. "Now" is the schedule's own time, so a retried invocation sweeps as of the
 * minute it was meant for (and a test can invoke it for a moment past a deadline). The run stops
 * starting orders when only the margin is left of the function's time.
 */
export function expireOrders({ sweep }: ExpireOrdersDependencies) {
  return async (event: Partial<ScheduledEvent> = {}, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
    const time = event.time ? new Date(event.time) : new Date();
    const remaining = context?.getRemainingTimeInMillis?.() ?? 60_000;
    return sweep.run(Number.isNaN(time.getTime()) ? new Date() : time, Date.now() + remaining - SWEEP_MARGIN_MS);
  };
}

export const handler = expireOrders(expireOrdersDependencies());
