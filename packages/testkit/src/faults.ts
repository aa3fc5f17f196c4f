import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { MiddlewareStack } from '@smithy/types';

/**
 * A transaction canceled as AWS cancels one that collides with another on an item: one reason per
 * action, `TransactionConflict` on the contested one (the first here) and `None` on the others.
 */
export function transactionConflict(actions: number): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    $metadata: { httpStatusCode: 400, requestId: 'injected-fault', attempts: 1 },
    CancellationReasons: Array.from({ length: actions }, (_, i) =>
      i === 0 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
    ),
  });
}

export interface InjectedConflicts {
  /** TransactWriteItems calls seen so far (canceled ones included). */
  readonly calls: number;
  /** How many of them were canceled. */
  readonly injected: number;
}

/**
 * Makes a real DynamoDB client (or the document client over it: they share one middleware stack)
 * cancel its next `count` TransactWriteItems calls with `TransactionConflict`, which DynamoDB
 * Local never does (it serializes transactions). Added in the `deserialize` step, where AWS's own
 * answer would be read, so the SDK's retry strategy sees it as it sees AWS's (and, as for AWS's,
 * does not retry it); the canceled call never reaches the table. `Infinity` cancels every one.
 */
export function injectTransactionConflicts<Input extends object, Output extends object>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  count: number,
): InjectedConflicts {
  const seen = { calls: 0, injected: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand' && context.commandName !== 'TransactWriteCommand')
        return next(args);
      seen.calls += 1;
      if (seen.injected >= count) return next(args);
      seen.injected += 1;
      const actions = (args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 1;
      throw transactionConflict(actions);
    },
    { step: 'deserialize', name: 'injectTransactionConflicts', override: true },
  );
  return seen;
}
