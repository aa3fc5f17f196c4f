import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { HttpResult } from '@estore/core/http';
import { idempotentCall } from '@estore/core/idempotency';
import type { Location } from '@estore/core/order';
import type { Context } from 'aws-lambda';
import type { CheckoutService } from './checkout-service';

export { ANSWER_MARGIN_MS, waitDeadline } from '@estore/core/idempotency';

export interface CheckoutCall {
  user: string;
  key: string;
  request: { location: Location };
  correlationId?: string;
}

/** A checkout under an `Idempotency-Key`: the first answer, replayed. */
export type IdempotentCheckout = (call: CheckoutCall, context: Context) => Promise<HttpResult>;

/**
 * `Idempotency-Key` for checkout (`idempotentCall` of @estore/core/idempotency, Powertools over
 * the payments table): the key is scoped to the user, the location is fingerprinted, and the
 * first answer (a 4xx included, never a 5xx) is replayed. A 5xx is thrown and Powertools stores
 * no thrown error, so the retry runs the checkout again, which finds the order derived from the key
 * and finishes it; a first attempt that was killed (a timeout) leaves an in-progress record that
 * lapses with that invocation's time (Powertools reads it from the Lambda context), then the retry runs.
 */
export function idempotentCheckout(
  service: Pick<CheckoutService, 'checkout'>,
  dynamodb: DynamoDBClient,
  tableName: string,
): IdempotentCheckout {
  const run = idempotentCall<CheckoutCall['request']>(
    async ({ scope, key, request, correlationId }, context) => {
      // The key goes down too: the order is derived from it, so a retry after a 5xx resumes that order.
      const remainingMs = () => context.getRemainingTimeInMillis();
      return {
        status: 201,
        body: await service.checkout(scope, request.location, { key, remainingMs, correlationId }),
      };
    },
    { dynamodb, tableName, keyPrefix: 'checkout' },
  );
  // The stored key hashes `[user, key]` as before the helper existed, so keys already stored still replay.
  return ({ user, key, request, correlationId }, context) =>
    run({ scope: user, key, request, caller: user, correlationId }, context);
}
