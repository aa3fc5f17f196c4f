import Joi from 'joi';

// Building blocks of the schemas `validate` applies, apart from it: a route that validates nothing
// loads no joi (the wrapper imports validate.ts only).

/**
 * A number, also when it arrives as text (a query string or path parameter is always a string):
 * `'20'` becomes 20, while `''`, `'abc'` or `'1e400'` are refused as not a number. Bodies use
 * `jsonNumber()`, so `"price": "1999"` stays an error there. Any magnitude converts, so a range
 * check words what is wrong with `'1e20'`.
 */
export const numeric = (): Joi.NumberSchema<number> => Joi.number().unsafe();

/**
 * A number in a JSON body, taken as it is: `"1999"` is refused, not converted (JSON has numbers;
 * only a query string or a path has text). Any magnitude, so a range check words what is wrong.
 */
export const jsonNumber = (): Joi.NumberSchema<number> => Joi.number().strict().unsafe();

/**
 * A string that must match `pattern`, refused with `message`, an empty one too (joi refuses `''`
 * before any rule, as "must not be empty", where the field's own rule says better what it takes).
 */
export function matching(pattern: RegExp, message: string): Joi.StringSchema<string> {
  return Joi.string().pattern(pattern).message(message).messages({ 'string.empty': message });
}

/** A string for which `test` holds, refused with `message`, an empty one too (see `matching`). */
export function satisfying(test: (value: string) => boolean, message: string): Joi.StringSchema<string> {
  return Joi.string().custom(holds(test)).message(message).messages({ 'string.empty': message });
}

/** A custom rule that refuses a value `test` does not hold for; word it with `.message()`. */
export function holds<T>(test: (value: T) => boolean): Joi.CustomValidator<T> {
  return (value, helpers) => (test(value) ? value : helpers.error('any.custom'));
}
