import fc from 'fast-check';
import type { Schema } from './spec-operations';

/**
 * Property-based fuzzing from the spec: every operation of docs/openapi.yaml with its parameters
 * and body schema, and fast-check arbitraries that draw valid, boundary and mutated values from a
 * schema. The e2e fuzz test (packages/system-tests/test/e2e/fuzz.test.ts) sends them through the gateway.
 */

/** Values for a field by name (a product id that exists, a country code): mixed into what the schema gives. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Characters a header value may hold (visible ASCII and space). */
export const headerText = (maxLength = 40) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });

const LONG = 10_000;
const UNICODE = ['🚀', 'Zébra', 'e\u0301', '\u202eevil', '\u0000', '\ud800', '\ufeff', '𝔘𝔫𝔦', '中文', 'пароль', '١٢٣'];
const TRICKY = [
  ' ',
  '  padded  ',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '<script>alert(1)</script>',
  "' OR 1=1--",
  '../../etc/passwd',
  '%00',
  '__proto__',
  '${x}',
  '\n',
];

const bigRange = (min: number, max: number) =>
  fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number);

/** A value the schema accepts (hints by property name take part where given). */
export function validValue(schema: Schema, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  const plain = validPlain(schema, hints, depth);
  return schema.nullable
    ? fc.oneof({ arbitrary: plain, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 })
    : plain;
}

function validPlain(schema: Schema, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf ?? schema.anyOf)
    return fc.oneof(...(schema.oneOf ?? schema.anyOf ?? []).map((part) => validValue(part, hints, depth)));
  const excluded = schema.not?.enum ?? [];
  switch (schema.type) {
    case 'string': {
      if (schema.pattern) {
        const regex = new RegExp(schema.pattern);
        const { minLength = 0, maxLength = Infinity } = schema;
        return fc.stringMatching(regex).filter((value) => value.length >= minLength && value.length <= maxLength);
      }
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.format === 'email' || schema.format === 'idn-email') return fc.emailAddress();
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 40, minLength + 60);
      return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));
    }
    case 'integer':
      return bigRange(schema.minimum ?? -(2 ** 40), schema.maximum ?? 2 ** 40).filter(
        (value) => !excluded.includes(value),
      );
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, hints, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
    default: {
      if (!schema.properties) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        model[name] = hints[name]
          ? fc.oneof(
              { arbitrary: hints[name], weight: 3 },
              { arbitrary: validValue(property, hints, depth + 1), weight: 1 },
            )
          : validValue(property, hints, depth + 1);
      }
      const record = fc.record(model, { requiredKeys: schema.required ?? [] });
      return schema.minProperties
        ? record.filter((value) => Object.keys(value).length >= (schema.minProperties ?? 0))
        : record;
    }
  }
}

/** Edges of what the schema allows, and just past them. */
export function boundaryValue(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string': {
      const edges: string[] = ['', ...UNICODE, ...TRICKY, 'x'.repeat(LONG)];
      if (schema.maxLength !== undefined)
        edges.push('a'.repeat(schema.maxLength), 'a'.repeat(schema.maxLength + 1), '🚀'.repeat(schema.maxLength));
      if (schema.minLength) edges.push('a'.repeat(schema.minLength - 1), 'a'.repeat(schema.minLength));
      for (const value of schema.enum ?? [])
        if (typeof value === 'string') edges.push(value.toUpperCase(), ` ${value}`, `${value}\u0000`);
      return fc.constantFrom(...edges);
    }
    case 'integer':
    case 'number': {
      const edges = [
        0,
        -0,
        1,
        -1,
        0.5,
        -1.5,
        2 ** 31,
        -(2 ** 31),
        2 ** 53,
        -(2 ** 53),
        2 ** 53 + 2,
        1e21,
        1e308,
        -1e308,
        Number.MIN_VALUE,
      ];
      if (schema.minimum !== undefined) edges.push(schema.minimum, schema.minimum - 1);
      if (schema.maximum !== undefined) edges.push(schema.maximum, schema.maximum + 1);
      return fc.constantFrom(...edges);
    }
    case 'array': {
      const item = validValue(schema.items ?? {});
      const over = (schema.maxItems ?? 100) + 1;
      return fc.oneof(
        fc.constant([]),
        fc.array(item, { minLength: over, maxLength: over }),
        fc.array(boundaryValue(schema.items ?? {}), { minLength: 1, maxLength: 3 }),
      );
    }
    case 'boolean':
      return fc.constantFrom('true', 0, 1, 'false');
    default:
      return fc.constantFrom({}, { '': '' }, { ['x'.repeat(200)]: 1 });
  }
}

/** A value of another JSON type than the schema's. */
export function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const all: Record<string, unknown[]> = {
    string: ['text', ''],
    integer: [42, -7],
    number: [3.25],
    boolean: [true, false],
    array: [[], [1, 'a'], [{}]],
    object: [{}, { a: 1 }],
    null: [null],
  };
  const own = schema.type === 'integer' || schema.type === 'number' ? ['integer', 'number'] : [schema.type ?? 'object'];
  return fc.constantFrom(...Object.entries(all).flatMap(([type, values]) => (own.includes(type) ? [] : values)));
}

/**
 * A mix for one value: mostly valid, else at or past a boundary, or of the wrong type. Objects
 * also lose required keys or gain unknown ones; arrays hold mixed items.
 */
export function fuzzValue(schema: Schema, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  const valid = validValue(schema, hints, depth);
  if (schema.type === 'object' || (schema.properties && !schema.type)) {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const fuzzed = depth < 3 ? fuzzValue(property, hints, depth + 1) : validValue(property, hints, depth + 1);
      model[name] = hints[name]
        ? fc.oneof({ arbitrary: hints[name], weight: 2 }, { arbitrary: fuzzed, weight: 2 })
        : fuzzed;
    }
    const required = schema.required ?? [];
    const mutated = fc
      .tuple(
        fc.record(model, { requiredKeys: [] }),
        fc.subarray(required),
        fc.dictionary(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom('__proto__', 'constructor', 'id', 'admin', 'groups', 'stock'),
          ),
          fc.jsonValue({ maxDepth: 2 }),
          { maxKeys: 3 },
        ),
        fc.boolean(),
      )
      .map(([record, keep, extra, withExtra]) => {
        const value: Record<string, unknown> = withExtra ? { ...extra, ...record } : { ...record };
        // Required keys the record left out stay out: a missing required field.
        for (const key of required) if (!(key in record) && keep.includes(key)) delete value[key];
        return value;
      });
    return fc.oneof(
      { arbitrary: valid, weight: 3 },
      { arbitrary: mutated, weight: 4 },
      { arbitrary: wrongType(schema), weight: 1 },
    );
  }
  if (schema.type === 'array') {
    const mixed = fc.array(fuzzValue(schema.items ?? {}, hints, depth + 1), { maxLength: 4 });
    return fc.oneof(
      { arbitrary: valid, weight: 3 },
      { arbitrary: mixed, weight: 3 },
      { arbitrary: boundaryValue(schema), weight: 1 },
      { arbitrary: wrongType(schema), weight: 1 },
    );
  }
  return fc.oneof(
    { arbitrary: valid, weight: 5 },
    { arbitrary: boundaryValue(schema), weight: 3 },
    { arbitrary: wrongType(schema), weight: 1 },
  );
}

/** Bodies no schema accepts: not JSON, truncated JSON, JSON of another type, over the 64 KiB limit. */
export function garbageBody(valid: fc.Arbitrary<unknown> = fc.jsonValue()): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '42',
      '"text"',
      'true',
      '{',
      '{"a":',
      "{'single': 'quotes'}",
      '{"a":1,}',
      'name=x&price=1',
      '<xml/>',
      '\ufeff{}',
      `{"x":"${'y'.repeat(70 * 1024)}"}`,
    ),
    fc.tuple(valid, fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value) ?? '';
      return text.slice(0, text.length > 1 ? cut % (text.length - 1) : 0);
    }),
    valid.map((value) => `${JSON.stringify(value)}}`),
    fc.string({ maxLength: 60 }),
  );
}

/**
 * A path parameter or query value as it goes on the wire: percent-encoded UTF-8 (a lone
 * surrogate, which encodeURIComponent refuses, goes as U+FFFD, as a browser would send it).
 */
export function wireValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.!~*'()]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
