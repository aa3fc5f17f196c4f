import Joi from 'joi';

/** `POST /payment/checkout` body: the location is validated on its own, with its own error code. */
export const checkoutBodySchema = Joi.object<{ location: unknown }>({ location: Joi.any() });

/** The `Idempotency-Key` header of a checkout (shared with the refunds route). */
export { idempotencyKeySchema } from '@estore/core/idempotency';
