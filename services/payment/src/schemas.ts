import Joi from 'joi';

/** `POST /payment/checkout` body: the location is validated on its own, with its own error code. */
export const checkoutBodySchema = Joi.object<{ location: unknown }>({ location: Joi.any() });

/** The `Idempotency-Key` header of a checkout. */
export const idempotencyKeySchema = Joi.string()
  .trim()
  .max(255)
  .pattern(/^[\x21-\x7e]+$/)
  .message('Idempotency-Key must be printable ASCII without spaces');
