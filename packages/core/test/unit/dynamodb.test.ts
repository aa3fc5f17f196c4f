import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { conditionHeld, isConditionalCheckFailure } from '@estore/core/aws';

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('conditional writes', () => {
  it('report true when the condition held', async () => {
    await expect(conditionHeld(Promise.resolve({}))).resolves.toBe(true);
  });

  it('report false when the condition was refused, alone or inside a transaction', async () => {
    await expect(conditionHeld(Promise.reject(conditionFailed()))).resolves.toBe(false);
    await expect(conditionHeld(Promise.reject(cancelled('None', 'ConditionalCheckFailed')))).resolves.toBe(false);
  });

  it('rethrow every other failure, such as a transaction conflict or throttling', async () => {
    await expect(conditionHeld(Promise.reject(cancelled('TransactionConflict')))).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await expect(conditionHeld(Promise.reject(throttled))).rejects.toBe(throttled);
    expect(isConditionalCheckFailure(undefined)).toBe(false);
  });
});
