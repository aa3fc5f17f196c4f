/**
 * The one place retry timing is decided: a storage call that left work undone (a batch's
 * unprocessed keys), an optimistic edit that lost a race, a bulk load. Capped exponential
 * backoff with full jitter (AWS's advice): writers that collided once spread out instead of
 * colliding again in step.
 */
export function backoff(attempt: number, baseMs = 50, capMs = 2000): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

export interface RetryOptions {
  /** How many times the work runs at most. */
  attempts: number;
  /** The backoff between attempts (see `backoff`). */
  baseMs?: number;
  capMs?: number;
  /** Whether a failure is worth another attempt; any other failure is thrown at once. */
  retryIf: (error: unknown) => boolean;
  /** What to throw when the last attempt failed too (by default, its own failure). */
  exhausted?: (lastError: unknown) => Error;
}

/** Runs `work` until it succeeds, it fails in a way not worth retrying, or the attempts run out. */
export async function retry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!options.retryIf(error)) throw error;
      if (attempt >= options.attempts) throw options.exhausted ? options.exhausted(error) : error;
      await backoff(attempt, options.baseMs, options.capMs);
    }
  }
}
