import Joi from 'joi';

/** The `Idempotency-Key` header of a route that honours one (checkout, refunds). */
export const idempotencyKeySchema = Joi.string()
  .trim()
  .max(255)
  .pattern(/^[\x21-\x7e]+$/)
  .message('Idempotency-Key must be printable ASCII without spaces');
