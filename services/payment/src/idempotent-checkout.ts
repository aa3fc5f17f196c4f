import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AppError } from '@estore/core/errors';
import { type HttpResult } from '@estore/core/http';
import { type Location } from '@estore/core/order';
import type { Context } from 'aws-lambda';
import type { CheckoutService } from './checkout-service';

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

export interface CheckoutCall {
  user: string;
  key: string;
  request: { location: Location };
}

/** A checkout under an `Idempotency-Key`: the first answer, replayed. */
export type IdempotentCheckout = (call: CheckoutCall, context: Context) => Promise<HttpResult>;

/**
 * `Idempotency-Key` for checkout through Lambda Powertools' idempotency utility (DynamoDB
 * persistence): the key is scoped to the user, the body is fingerprinted (the same key with
 * another body is 422), and the answer stored is the first response, status and body, including
 * a 4xx the customer must see again. A 5xx is not stored, so retrying it really retries.
 * A retry arriving while the first is still running waits for its answer.
 */
export function idempotentCheckout(
  service: Pick<CheckoutService, 'checkout'>,
  dynamodb: DynamoDBClient,
  tableName: string,
): IdempotentCheckout {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[user, key]',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: KEY_LIFETIME_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(
    async (call: CheckoutCall, _context: Context): Promise<HttpResult> => {
      try {
        return { status: 201, body: await service.checkout(call.user, call.request.location) };
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return { status: error.status, body: error.toJSON() };
        throw error;
      }
    },
    {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamodb }),
      config,
      keyPrefix: 'checkout',
    },
  );

  return async (call: CheckoutCall, context: Context): Promise<HttpResult> => {
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
