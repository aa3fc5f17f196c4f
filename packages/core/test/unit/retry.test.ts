import { backoff, retry } from '@estore/core/aws';

class Lost extends Error {}

beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));
afterEach(() => jest.restoreAllMocks());

describe('retry', () => {
  it('runs the work again after a retryable failure, until it succeeds', async () => {
    let calls = 0;
    const result = await retry(
      async (attempt) => {
        calls += 1;
        if (attempt < 3) throw new Lost();
        return 'done';
      },
      { attempts: 5, retryIf: (error) => error instanceof Lost },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('throws any other failure at once', async () => {
    const work = jest.fn(async () => Promise.reject(new Error('broken')));
    await expect(retry(work, { attempts: 5, retryIf: (error) => error instanceof Lost })).rejects.toThrow('broken');
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('gives up after the last attempt, with the caller’s error or the last failure', async () => {
    const work = jest.fn(async () => Promise.reject(new Lost('lost')));
    await expect(
      retry(work, { attempts: 3, retryIf: () => true, exhausted: () => new Error('gave up') }),
    ).rejects.toThrow('gave up');
    expect(work).toHaveBeenCalledTimes(3);
    await expect(retry(work, { attempts: 2, retryIf: () => true })).rejects.toThrow('lost');
  });
});

describe('backoff', () => {
  it('waits a random time below a ceiling that doubles per attempt and stops at the cap', async () => {
    jest.restoreAllMocks();
    jest.useFakeTimers();
    const timeout = jest.spyOn(global, 'setTimeout');
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const waits = [1, 2, 3, 10].map((attempt) => backoff(attempt, 50, 300));
    jest.runAllTimers();
    await Promise.all(waits);
    expect(timeout.mock.calls.map(([, ms]) => ms)).toEqual([50, 100, 150, 150]);
    jest.useRealTimers();
  });
});
