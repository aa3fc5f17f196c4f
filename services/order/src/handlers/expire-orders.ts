import type { ScheduledEvent } from 'aws-lambda';
import { ExpirySweep } from '../expiry-sweep';
import { lifecycle, paymentProvider } from '../lifecycle';
import { orders } from '../tables';

const sweep = new ExpirySweep(orders, lifecycle, paymentProvider);

/**
 * Runs every minute. "Now" is the schedule's own time, so a retried invocation sweeps as of the
 * minute it was meant for (and a test can invoke it for a moment past a deadline).
 */
export const handler = async (event: Partial<ScheduledEvent> = {}) => {
  const time = event.time ? new Date(event.time) : new Date();
  return sweep.run(Number.isNaN(time.getTime()) ? new Date() : time);
};
