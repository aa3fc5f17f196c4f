import type Joi from 'joi';
import { ValidationError } from '../errors';

/** Validates and converts input with a joi schema; every bad field is named in the details. */
export function validate<T>(schema: Joi.Schema<T>, value: unknown, where: string, code = 'VALIDATION_FAILED'): T {
  const result = schema.validate(value, { abortEarly: false, convert: true, errors: { wrap: { label: false } } });
  if (result.error) {
    const details = result.error.details.map((detail) => ({
      field: detail.path.length > 0 ? detail.path.join('.') : where,
      message: detail.message,
    }));
    throw new ValidationError(`Invalid ${where}`, details, code);
  }
  return result.value;
}
