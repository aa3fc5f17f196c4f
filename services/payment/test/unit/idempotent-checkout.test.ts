import { ANSWER_MARGIN_MS, waitDeadline } from '../../src/idempotent-checkout';

const remaining = (ms: number) => ({ getRemainingTimeInMillis: () => ms });

describe('how long a retry waits for the first request with its Idempotency-Key', () => {
  test.each([
    ['a fresh 10 s invocation waits at most 8 s', 10_000, 8_000],
    ['a 29 s invocation still waits at most 8 s', 29_000, 8_000],
    ['an invocation with 5 s left keeps the margin to answer 409 itself', 5_000, 5_000 - ANSWER_MARGIN_MS],
    ['an invocation with less than the margin left does not wait', 1_000, 0],
  ])('%s', (_case, left, waits) => {
    expect(waitDeadline(remaining(left), 1_000_000) - 1_000_000).toBe(waits);
  });
});
