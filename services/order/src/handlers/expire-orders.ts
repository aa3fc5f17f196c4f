import type { ScheduledEvent } from 'aws-lambda';
import type { ExpirySweep } from '../expiry-sweep';
import { expireOrdersDependencies } from '../wiring';

export interface ExpireOrdersDependencies {
  sweep: Pick<ExpirySweep, 'run'>;
}

/**
 * Runs every minute. "Now" is the schedule's own time, so a retried invocation sweeps as of the
 * minute it was meant for (and a test can invoke it for a moment past a deadline).
 */
export function expireOrders({ sweep }: ExpireOrdersDependencies) {
  return async (event: Partial<ScheduledEvent> = {}) => {
    const time = event.time ? new Date(event.time) : new Date();
    return sweep.run(Number.isNaN(time.getTime()) ? new Date() : time);
  };
}

export const handler = expireOrders(expireOrdersDependencies());
