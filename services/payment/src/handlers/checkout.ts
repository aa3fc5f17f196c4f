import { created, httpHandler, validate } from '@estore/core/http';
import { type Location, locationSchema } from '@estore/core/order';
import type { CheckoutService } from '../checkout-service';
import type { IdempotentCheckout } from '../idempotent-checkout';
import { checkoutBodySchema, idempotencyKeySchema } from '../schemas';
import { checkoutDependencies } from '../wiring';

export interface CheckoutDependencies {
  checkoutService: Pick<CheckoutService, 'checkout'>;
  /** The same checkout under an `Idempotency-Key` (Powertools' idempotency over the payments table). */
  idempotentCheckout: IdempotentCheckout;
}

/** `POST /payment/checkout`: places an order from the caller's cart and opens its payment. */
export function checkout({ checkoutService, idempotentCheckout }: CheckoutDependencies) {
  return httpHandler(
    { access: 'signed-in', body: checkoutBodySchema },
    async ({ body, headers, principal, lambdaContext, correlationId }) => {
      // A bad location has its own code, so a storefront can point at the address form.
      const location = validate<Location>(locationSchema, body.location, 'location', 'INVALID_LOCATION');
      const key = headers['idempotency-key'];
      if (key === undefined) {
        const remainingMs = () => lambdaContext.getRemainingTimeInMillis();
        return created(await checkoutService.checkout(principal.username, location, { remainingMs, correlationId }));
      }
      const checkedKey = validate<string>(idempotencyKeySchema, key, 'Idempotency-Key');
      return idempotentCheckout(
        { user: principal.username, key: checkedKey, request: { location }, correlationId },
        lambdaContext,
      );
    },
  );
}

export const handler = checkout(checkoutDependencies());
