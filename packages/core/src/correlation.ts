import { randomUUID } from 'node:crypto';
import { logger } from './logger';

/**
 * One id follows what a request causes: the events it publishes, the order it places, and every
 * log line of every function that later touches that order (webhook, consumers, sweep, emails),
 * so one Logs Insights query finds them all (docs/operations.md).
 */
export const CORRELATION_HEADER = 'x-correlation-id';
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's id when it is one we can safely log and echo; otherwise a fresh one. */
export function acceptCorrelationId(value: string | undefined): string {
  return value && CORRELATION_ID_PATTERN.test(value) ? value : randomUUID();
}

/**
 * Puts the correlation id (and the order, when known) on every log line from here on. Called at
 * the start of each invocation and again when the order is found, so nothing leaks between
 * invocations of a warm container.
 */
export function logWith(context: { correlationId?: string; orderId?: string }): void {
  logger.setCorrelationId(context.correlationId);
  if (context.orderId) logger.appendKeys({ orderId: context.orderId });
  else logger.removeKeys(['orderId']);
}
