import { paymentProviderFromEnv } from '@estore/core/payments';
import type { ScheduledEvent } from 'aws-lambda';
import { ExpirySweep } from '../expiry-sweep';
import { createLifecycle } from '../lifecycle';
import { documentClient, orderRepository } from '../tables';

const db = documentClient();
const orders = orderRepository(db);
const paymentProvider = paymentProviderFromEnv();
const sweep = new ExpirySweep(orders, createLifecycle(db, orders, paymentProvider), paymentProvider);

/**
 * Runs every minute. "Now" is the schedule's own time, so a retried invocation sweeps as of the
 * minute it was meant for (and a test can invoke it for a moment past a deadline).
 */
export const handler = async (event: Partial<ScheduledEvent> = {}) => {
  const time = event.time ? new Date(event.time) : new Date();
  return sweep.run(Number.isNaN(time.getTime()) ? new Date() : time);
};
