import * as v from 'valibot';
import { type ErrorDetail, ValidationError } from '../errors';

/** A valibot schema whose output is `T`, whatever input it accepts. */
export type Schema<T> = v.GenericSchema<unknown, T>;

/** A schema's issue left without a message of its own; `describe` words it once the full path is known. */
const UNWORDED = () => '';

/**
 * Validates and converts input with a valibot schema. Every bad field is named in the details (one
 * message per field, the first problem found); a problem with the value as a whole is named `where`.
 */
export function validate<T>(schema: Schema<T>, value: unknown, where: string, code = 'VALIDATION_FAILED'): T {
  const result = v.safeParse(schema, value, { abortEarly: false, message: UNWORDED });
  if (!result.success) throw new ValidationError(`Invalid ${where}`, issueDetails(result.issues, where), code);
  return result.output;
}

/** The issues of a failed parse as `{field, message}`: field is the dotted path (`items.0.count`), or `where`. */
function issueDetails(issues: readonly v.BaseIssue<unknown>[], where: string): ErrorDetail[] {
  const messages = new Map<string, string>();
  for (const issue of issues) {
    const field = issue.path?.length ? issue.path.map((item) => String(item.key)).join('.') : where;
    if (!messages.has(field)) messages.set(field, issue.message || describe(issue, field));
  }
  return [...messages].map(([field, message]) => ({ field, message }));
}

const TYPES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  strict_object: 'an object',
  loose_object: 'an object',
};

/** Plain words for valibot's built-in checks, e.g. "limit must be less than or equal to 100". */
function describe(issue: v.BaseIssue<unknown>, label: string): string {
  if (issue.expected === 'never') return `${label} is not allowed`;
  if (issue.input === undefined) return `${label} is required`;
  if (issue.kind === 'schema') {
    // valibot's `expected` reads `("a" | "b")` for a list, `"a"` for a single literal.
    if (issue.type === 'picklist' || issue.type === 'literal')
      return `${label} must be one of ${issue.expected
        ?.replace(/^\((.*)\)$/, '$1')
        .split(' | ')
        .join(', ')}`;
    return `${label} must be ${TYPES[issue.type] ?? 'valid'}`;
  }
  const { requirement } = issue as { requirement?: unknown };
  const count = (what: string) => `${requirement} ${what}${requirement === 1 ? '' : 's'}`;
  const size = Array.isArray(issue.input)
    ? (bound: string) => `contain ${bound} ${count('item')}`
    : (bound: string) => `be ${bound} ${count('character')} long`;
  switch (issue.type) {
    case 'non_empty':
      return `${label} must not be empty`;
    case 'min_length':
      return `${label} must ${size('at least')}`;
    case 'max_length':
      return `${label} must ${size('at most')}`;
    case 'length':
      return `${label} must ${size('exactly')}`;
    case 'min_value':
      return `${label} must be greater than or equal to ${requirement}`;
    case 'max_value':
      return `${label} must be less than or equal to ${requirement}`;
    case 'integer':
      return `${label} must be an integer`;
    case 'safe_integer':
      return `${label} must be a safe integer`;
    case 'not_value':
      return `${label} must not be ${requirement}`;
    case 'regex':
      return `${label} is not in the expected format`;
    case 'iso_timestamp':
      return `${label} must be an ISO 8601 timestamp`;
    default:
      return `${label} is invalid`;
  }
}

/**
 * `v.strictObject`, naming every unknown key (valibot's own stops at the first), so a client sees
 * all the fields it must drop at once.
 */
/* @__NO_SIDE_EFFECTS__ */
export function strictObject<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.strictObject(entries),
    v.rawCheck(({ dataset, addIssue }) => {
      const first = dataset.issues?.find(
        (issue) => issue.type === 'strict_object' && issue.expected === 'never' && issue.path?.length === 1,
      );
      const input = first?.path?.[0].input as Record<string, unknown> | undefined;
      if (!first || !input) return;
      for (const key of Object.keys(input)) {
        if (key === first.input || Object.prototype.hasOwnProperty.call(entries, key)) continue;
        addIssue({
          input: key,
          expected: 'never',
          path: [{ type: 'object', origin: 'key', input, key, value: input[key] }],
        });
      }
    }),
  );
}

/** A decimal number written as text: `'5'`, `' 2.5 '`, `'-1e3'`. */
const NUMBER_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*$/i;

/**
 * A number, also when it arrives as text (a query string or path parameter is always a string):
 * `'20'` becomes 20, while `''`, `'abc'` or `'1e400'` are refused as not a number. Bodies use
 * `v.number()`, so `"price": "1999"` stays an error there.
 */
/* @__NO_SIDE_EFFECTS__ */
export function numeric() {
  return v.pipe(
    v.unknown(),
    v.transform((input): unknown => {
      if (typeof input !== 'string' || !NUMBER_TEXT.test(input)) return input;
      const number = Number(input);
      return Number.isFinite(number) ? number : input;
    }),
    v.number(),
  );
}
