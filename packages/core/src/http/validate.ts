// Types only: the wrapper calls a schema's own `validate`, so a route that validates nothing
// (GET /category, say) bundles and loads no joi.
import type Joi from 'joi';
import { type ErrorDetail, ValidationError } from '../errors';

/** A joi schema whose output is `T`. */
export type Schema<T> = Joi.Schema<T>;

/** "1 item", "3 characters": joi templates have no plural of their own. */
const count = (what: string) => `{#limit} ${what}{if(#limit == 1, '', 's')}`;

/**
 * Plain words for joi's built-in checks, naming the field ("limit must be less than or equal to
 * the maximum", "kind must be one of ...", "id is not allowed"). A schema words its own checks
 * with `.message()` on the rule, or `.messages()` on a field, which take precedence.
 */
const MESSAGES: Record<string, string> = {
  'any.required': '{#label} is required',
  'any.unknown': '{#label} is not allowed',
  'object.unknown': '{#label} is not allowed',
  'any.only': '{#label} must be one of {#valids}',
  'any.invalid': '{#label} must not be {#invalids}',
  'any.custom': '{#label} is invalid',
  'string.base': '{#label} must be a string',
  'number.base': '{#label} must be a number',
  'boolean.base': '{#label} must be a boolean',
  'array.base': '{#label} must be an array',
  'object.base': '{#label} must be an object',
  'string.empty': '{#label} must not be empty',
  'string.min': `{#label} must be at least ${count('character')} long`,
  'string.max': `{#label} must be at most ${count('character')} long`,
  'string.length': `{#label} must be exactly ${count('character')} long`,
  'array.min': `{#label} must contain at least ${count('item')}`,
  'array.max': `{#label} must contain at most ${count('item')}`,
  'array.length': `{#label} must contain exactly ${count('item')}`,
  'number.min': '{#label} must be greater than or equal to {#limit}',
  'number.max': '{#label} must be less than or equal to {#limit}',
  'number.integer': '{#label} must be an integer',
  // Text too large for a number ('1e400') is no number; a JSON body cannot hold one.
  'number.infinity': '{#label} must be a number',
  'number.unsafe': '{#label} must be a safe integer',
  'string.pattern.base': '{#label} is not in the expected format',
  'string.isoDate': '{#label} must be an ISO 8601 timestamp',
};

/**
 * How every input is validated. Every value is required unless its schema says `.optional()`, as a
 * JSON contract reads; every problem is reported, not only the first; strings are trimmed and
 * normalized where a schema says so, and text is converted to a number where a schema takes one
 * (`numeric()`); a body's numbers are `jsonNumber()`, which converts nothing.
 */
const OPTIONS: Joi.ValidationOptions = {
  abortEarly: false,
  convert: true,
  presence: 'required',
  errors: { wrap: { label: false, array: false, string: '"' } },
  messages: MESSAGES,
};

/**
 * Each schema with the options above set on it once: joi compiles message templates passed to
 * `validate` at every call (~0.2 ms), and those set on a schema once.
 */
const prepared = new WeakMap<Schema<unknown>, Schema<unknown>>();

function withOptions<T>(schema: Schema<T>): Schema<T> {
  let ready = prepared.get(schema) as Schema<T> | undefined;
  if (!ready) {
    ready = schema.prefs(OPTIONS) as Schema<T>;
    prepared.set(schema, ready);
  }
  return ready;
}

/**
 * Validates and converts input with a joi schema. Every bad field is named in the details (one
 * message per field, the first problem found); a problem with the value as a whole is named `where`.
 */
export function validate<T>(schema: Schema<T>, value: unknown, where: string, code = 'VALIDATION_FAILED'): T {
  const result = withOptions(schema).validate(value);
  if (result.error) throw new ValidationError(`Invalid ${where}`, issueDetails(result.error.details, where), code);
  return result.value as T;
}

/** joi's details as `{field, message}`: field is the dotted path (`items.0.count`), or `where`. */
function issueDetails(details: readonly Joi.ValidationErrorItem[], where: string): ErrorDetail[] {
  const messages = new Map<string, string>();
  for (const detail of details) {
    const field = detail.path.length ? detail.path.join('.') : where;
    if (!messages.has(field)) messages.set(field, named(detail, field));
  }
  return [...messages].map(([field, message]) => ({ field, message }));
}

/**
 * joi labels a field `items[0].count`, and the value as a whole `value`; the contract names them
 * `items.0.count` and by where the value came from (`body`, `location`).
 */
function named(detail: Joi.ValidationErrorItem, field: string): string {
  const label = detail.context?.label;
  return label && label !== field && detail.message.startsWith(`${label} `)
    ? `${field}${detail.message.slice(label.length)}`
    : detail.message;
}
