import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SPEC_PATH } from './contract';

/**
 * The operations of docs/openapi.yaml as the fuzz generators read them: each route with its
 * parameters and body schema, `$ref`s and `allOf` resolved.
 */

/** The subset of JSON Schema (OpenAPI 3.0) the spec uses, after `$ref`s and `allOf` are resolved. */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  not?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  default?: unknown;
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface SpecOperation {
  method: string;
  /** The path template, e.g. `/product/{id}`. */
  path: string;
  operationId: string;
  /** True when the operation declares security (a signed-in caller). */
  secured: boolean;
  parameters: SpecParameter[];
  body?: { required: boolean; schema: Schema };
  /** Documented statuses. */
  statuses: string[];
}

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function resolver(doc: Json) {
  const at = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!node || typeof node !== 'object') return node;
    const object = node as Json;
    if (typeof object.$ref === 'string') return resolve(at(object.$ref));
    const out: Json = {};
    for (const [key, value] of Object.entries(object)) out[key] = resolve(value);
    if (Array.isArray(out.allOf)) {
      // The spec's allOf only ever extends an object: merge properties and required.
      const parts = out.allOf as Schema[];
      delete out.allOf;
      return parts.reduce<Schema>(
        (merged, part) => ({
          ...merged,
          ...part,
          properties: { ...merged.properties, ...part.properties },
          required: [...(merged.required ?? []), ...(part.required ?? [])],
        }),
        out as Schema,
      );
    }
    return out;
  };
  return resolve;
}

/** Every operation of the spec, with `$ref`s resolved: the fuzz test's list of routes. */
export function specOperations(file = SPEC_PATH): SpecOperation[] {
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  const resolve = resolver(doc);
  const rootSecurity = (doc.security as unknown[] | undefined) ?? [];
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, raw]) => {
        const operation = resolve(raw) as Json;
        const parameters = [
          ...((resolve(item.parameters ?? []) as SpecParameter[]) ?? []),
          ...((operation.parameters as SpecParameter[] | undefined) ?? []),
        ].map((p) => ({
          ...p,
          required: Boolean(p.required),
          schema: p.schema ?? { type: 'string' as const },
        }));
        const requestBody = operation.requestBody as
          | { required?: boolean; content?: Record<string, { schema?: Schema }> }
          | undefined;
        const schema = requestBody?.content?.['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          operationId: String(operation.operationId),
          secured: ((operation.security as unknown[] | undefined) ?? rootSecurity).length > 0,
          parameters,
          body: schema ? { required: Boolean(requestBody?.required), schema } : undefined,
          statuses: Object.keys((operation.responses as Json | undefined) ?? {}),
        };
      }),
  );
}
