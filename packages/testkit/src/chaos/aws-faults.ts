import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeServiceException } from '@aws-sdk/client-eventbridge';
import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';
import { transactionConflict } from '../faults';
import type { FaultKind, FaultPlan } from './fault-plan';

/** The AWS services the saga calls, as fault points name them (`dynamodb:UpdateItem`). */
export type AwsService = 'dynamodb' | 'eventbridge' | 'ses';

const $metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'chaos', attempts: 1 });

/** A TimeoutError as the SDK's HTTP handler raises it when the socket stays silent. */
function timeoutError(operation: string): Error {
  const error = new Error(`Simulated timeout of ${operation}`);
  error.name = 'TimeoutError';
  return error;
}

function dynamoDbError(kind: FaultKind, operation: string, input: object): Error {
  const message = `Simulated ${kind} of ${operation}`;
  switch (kind) {
    case 'throttle':
      return new ProvisionedThroughputExceededException({ message, $metadata: $metadata(400) });
    case 'server-error':
      return new InternalServerError({ message, $metadata: $metadata(500) });
    case 'timeout':
      return timeoutError(operation);
    case 'conflict':
      // As AWS answers it: one reason per action (faults.ts builds it for the conflict tests too).
      return transactionConflict((input as { TransactItems?: unknown[] }).TransactItems?.length ?? 1);
    default:
      return new DynamoDBServiceException({
        name: 'InternalServerError',
        $fault: 'server',
        message,
        $metadata: $metadata(500),
      });
  }
}

/** EventBridge and SES model no throttling or 5xx error classes: their base exception carries the name. */
function genericError(service: Exclude<AwsService, 'dynamodb'>, kind: FaultKind, operation: string): Error {
  if (kind === 'timeout') return timeoutError(operation);
  const Base = service === 'eventbridge' ? EventBridgeServiceException : SESv2ServiceException;
  const throttled = kind === 'throttle';
  return new Base({
    name: throttled ? (service === 'ses' ? 'TooManyRequestsException' : 'ThrottlingException') : 'InternalException',
    $fault: throttled ? 'client' : 'server',
    message: `Simulated ${kind} of ${operation}`,
    $metadata: $metadata(throttled ? (service === 'ses' ? 429 : 400) : 500),
  });
}

/** `TransactWriteItemsCommand` -> `TransactWriteItems`: the operation as AWS names it. */
const operationOf = (context: HandlerExecutionContext): string =>
  (context.commandName ?? 'Unknown').replace(/Command$/, '');

/**
 * Adds the plan's faults to an SDK v3 client (a DynamoDB document client shares its client's
 * stack). Added first in the `initialize` step, outside the SDK's own retries: a fault here is
 * what the caller sees after the SDK gave up, and a crash-after lets the real call land first.
 */
export function addAwsFaults<Input extends object, Output extends object>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  service: AwsService,
  plan: FaultPlan,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(context);
      return plan.around(
        `${service}:${operation}`,
        () => next(args),
        (kind) =>
          service === 'dynamodb' ? dynamoDbError(kind, operation, args.input) : genericError(service, kind, operation),
      );
    },
    { step: 'initialize', priority: 'high', name: 'chaosFaults', override: true },
  );
}

/**
 * Answers one operation of a client in memory instead of over the network (the local stand-ins
 * for EventBridge and SES): added last in `initialize`, so the faults above still apply to it.
 */
export function answerInMemory<Input extends object, Output extends object>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  operation: string,
  answer: (input: Input) => Promise<Output>,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (operationOf(context) !== operation) return next(args);
      return { output: await answer(args.input), response: { statusCode: 200 } };
    },
    { step: 'initialize', priority: 'low', name: `inMemory${operation}`, override: true },
  );
}
