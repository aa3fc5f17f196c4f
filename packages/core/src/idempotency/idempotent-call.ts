import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { AppError } from '../errors';
import type { HttpResult } from '../http/response';

/** A retry with the same key within a day replays the first answer. */
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;
/** How long a retry waits at most for a first request with its key to finish, polling. */
const IN_PROGRESS_WAIT_MS = 8_000;
const IN_PROGRESS_POLL_MS = 150;
/**
 * What a waiting retry leaves of its function's time to answer 409 itself: a wait that ran to the
 * Lambda timeout would end in the gateway's 503 (not the contract's shape) and a killed container.
 */
export const ANSWER_MARGIN_MS = 1_500;

/** Until when a retry may wait: the cap, or the function's remaining time less the margin. */
export function waitDeadline(context: Pick<Context, 'getRemainingTimeInMillis'>, now = Date.now()): number {
  return now + Math.max(0, Math.min(IN_PROGRESS_WAIT_MS, context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS));
}

/** One request under an `Idempotency-Key`. */
export interface IdempotentRequest<R> {
  /** What the key is unique within: a customer's checkouts, an order's refunds. */
  scope: string;
  key: string;
  /** Fingerprinted: the same key with another request is refused. */
  request: R;
  /** Who asks: neither keyed nor fingerprinted, so a colleague's retry replays the same answer. */
  caller: string;
  /** The request's correlation id: neither keyed nor fingerprinted (a retry may carry another). */
  correlationId?: string;
}

/** A route's use case under an `Idempotency-Key`: the first answer, replayed. */
export type IdempotentCall<R> = (call: IdempotentRequest<R>, context: Context) => Promise<HttpResult>;

export interface IdempotentCallOptions {
  /** The raw client: Powertools' persistence layer takes it. */
  dynamodb: DynamoDBClient;
  /** A table keyed `id` (string) with TTL on `expiration`, as Powertools' DynamoDB layer expects. */
  tableName: string;
  /** Names the route in the stored keys, so two routes never share a key. */
  keyPrefix: string;
}

/**
 * `Idempotency-Key` through Lambda Powertools' idempotency utility (DynamoDB persistence): the
 * key is scoped (`scope`), the request is fingerprinted (the same key with another request is 422
 * `IDEMPOTENCY_KEY_REUSED`), and the answer stored is the first response, status and body,
 * including a 4xx the caller must see again. A 5xx is not stored, so retrying it really retries.
 * A retry arriving while the first is still running waits for its answer (409
 * `IDEMPOTENCY_KEY_IN_USE` when it cannot within the function's time).
 */
export function idempotentCall<R>(
  /** Gets the invocation's context too: a use case that calls slow services checks the time it has left. */
  action: (call: IdempotentRequest<R>, context: Context) => Promise<HttpResult>,
  { dynamodb, tableName, keyPrefix }: IdempotentCallOptions,
): IdempotentCall<R> {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[scope, key]',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: KEY_LIFETIME_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(
    async (call: IdempotentRequest<R>, context: Context): Promise<HttpResult> => {
      try {
        return await action(call, context);
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return { status: error.status, body: error.toJSON() };
        throw error;
      }
    },
    { persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamodb }), config, keyPrefix },
  );

  return async (call, context) => {
    const deadline = waitDeadline(context);
    for (;;) {
      try {
        return await run(call, context);
      } catch (error) {
        if (error instanceof IdempotencyValidationError) {
          throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body', 422);
        }
        if (!(error instanceof IdempotencyAlreadyInProgressError) || Date.now() + IN_PROGRESS_POLL_MS > deadline) {
          if (error instanceof IdempotencyAlreadyInProgressError) {
            throw new AppError(
              'IDEMPOTENCY_KEY_IN_USE',
              'A request with this Idempotency-Key is still being processed; retry shortly',
              409,
            );
          }
          throw (error as { cause?: unknown }).cause instanceof AppError ? (error as { cause: AppError }).cause : error;
        }
        await new Promise((resolve) => setTimeout(resolve, IN_PROGRESS_POLL_MS));
      }
    }
  };
}
