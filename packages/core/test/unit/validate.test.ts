import { ValidationError } from '@estore/core/errors';
import { jsonNumber, numeric, validate } from '@estore/core/http';
import Joi from 'joi';

function refusal(schema: Parameters<typeof validate>[0], value: unknown, where = 'body'): ValidationError {
  try {
    validate(schema, value, where);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

const thing = Joi.object({
  name: Joi.string().trim().max(5),
  kind: Joi.string().valid('lamp', 'desk'),
  count: jsonNumber().integer().min(1).max(100),
  tags: Joi.array().items(Joi.string()).max(2).optional(),
  nested: Joi.object({
    code: Joi.string().pattern(/^\d+$/).message('nested.code must be digits'),
  }).optional(),
});

describe('validate', () => {
  it('returns the converted output of a valid value', () => {
    expect(validate(thing, { name: ' lamp ', kind: 'lamp', count: 2 }, 'body')).toEqual({
      name: 'lamp',
      kind: 'lamp',
      count: 2,
    });
  });

  it('names every bad field, each with one plain message that names it', () => {
    const error = refusal(thing, {
      name: '   ',
      kind: 'chair',
      count: 1.5,
      tags: ['a', 'b', 'c'],
      nested: { code: 'x' },
    });
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Invalid body' });
    expect(error.details).toEqual([
      { field: 'name', message: 'name must not be empty' },
      { field: 'kind', message: 'kind must be one of "lamp", "desk"' },
      { field: 'count', message: 'count must be an integer' },
      { field: 'tags', message: 'tags must contain at most 2 items' },
      { field: 'nested.code', message: 'nested.code must be digits' },
    ]);
  });

  it('words missing fields, wrong types and bounds', () => {
    expect(refusal(thing, { name: 'abcdef', count: '3' }).details).toEqual([
      { field: 'name', message: 'name must be at most 5 characters long' },
      { field: 'kind', message: 'kind is required' },
      { field: 'count', message: 'count must be a number' },
    ]);
    expect(refusal(thing, { name: 'a', kind: 'desk', count: 101 }).details).toEqual([
      { field: 'count', message: 'count must be less than or equal to 100' },
    ]);
  });

  it('names every unknown key, not only the first', () => {
    const error = refusal(thing, {
      name: 'a',
      kind: 'desk',
      count: 1,
      id: 'mine',
      admin: true,
      nested: { code: '1', extra: 1 },
    });
    expect(error.details).toEqual([
      { field: 'nested.extra', message: 'nested.extra is not allowed' },
      { field: 'id', message: 'id is not allowed' },
      { field: 'admin', message: 'admin is not allowed' },
    ]);
  });

  it('names the whole value by where it came from when the value itself is wrong, with the given code', () => {
    expect(() => validate(thing, undefined, 'location', 'INVALID_LOCATION')).toThrow(
      expect.objectContaining({
        code: 'INVALID_LOCATION',
        details: [{ field: 'location', message: 'location is required' }],
      }),
    );
    expect(refusal(thing, 'text').details).toEqual([{ field: 'body', message: 'body must be an object' }]);
  });
});

describe('numeric', () => {
  const limit = Joi.object({ limit: numeric().integer().min(1).optional().default(20) });

  it.each([
    ['5', 5],
    [' 7 ', 7],
    ['+3', 3],
    ['1e2', 100],
    ['050', 50],
  ])('converts the text %p of a query string to %p', (text, number) => {
    expect(validate(limit, { limit: text }, 'query')).toEqual({ limit: number });
  });

  it('takes a number as it is, and applies the default when absent', () => {
    expect(validate(limit, { limit: 9 }, 'query')).toEqual({ limit: 9 });
    expect(validate(limit, {}, 'query')).toEqual({ limit: 20 });
  });

  it.each(['', 'abc', '0x10', '1e400', '2,5', 'NaN', 'Infinity'])('refuses %p as not a number', (text) => {
    expect(refusal(limit, { limit: text }, 'query').details).toEqual([
      { field: 'limit', message: 'limit must be a number' },
    ]);
  });

  it('converts before the checks apply, so 2.5 and 0 are refused by them', () => {
    expect(refusal(limit, { limit: '2.5' }, 'query').details).toEqual([
      { field: 'limit', message: 'limit must be an integer' },
    ]);
    expect(refusal(limit, { limit: '0' }, 'query').details).toEqual([
      { field: 'limit', message: 'limit must be greater than or equal to 1' },
    ]);
  });
});
