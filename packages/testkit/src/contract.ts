import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The contract every end-to-end response is held to: the repository's OpenAPI document. */
export const SPEC_PATH = resolve(__dirname, '../../../docs/openapi.yaml');

export interface ObservedResponse {
  method: string;
  /** Path and query, as sent. */
  path: string;
  status: number;
  headers: Headers;
  /** The raw body text. */
  text: string;
}

/** Thrown when a response is not one the spec allows for its operation. */
export class ContractViolation extends Error {
  constructor(
    readonly response: Pick<ObservedResponse, 'method' | 'path' | 'status'>,
    readonly problems: string[],
  ) {
    super(
      `${response.method} ${response.path} answered ${response.status}, which docs/openapi.yaml does not allow:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ContractViolation';
  }
}

type Json = Record<string, unknown>;
interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, { $ref?: string; required?: boolean; schema?: unknown }>;
}
interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const SPEC_ID = 'openapi.yaml';

/**
 * The spec, parsed once per test file, with one ajv instance that holds the whole document, so
 * each response schema compiles on first use by its JSON pointer and `$ref`s into components
 * resolve as they are written. OpenAPI 3.0's schema dialect is JSON Schema draft 4/7-ish plus
 * `nullable` (which ajv supports) and annotations such as `example` (ignored: strict off).
 */
class Contract {
  private readonly doc: Json;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly paths: Array<{ template: string; pattern: RegExp; literal: number }>;
  /** The gateway's own answers (`x-gateway` in the spec): for any request, and for preflights. */
  readonly gateway: { responses: Record<string, ResponseObject>; preflight: Record<string, ResponseObject> };

  constructor(file = SPEC_PATH) {
    this.doc = parse(readFileSync(file, 'utf8')) as Json;
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    // ajv-formats has no idn-email (RFC 6531): an address with a non-ASCII local part or domain.
    this.ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/u);
    this.ajv.addSchema(this.doc, SPEC_ID);
    const gateway = (this.doc['x-gateway'] ?? {}) as Partial<Contract['gateway']>;
    this.gateway = { responses: gateway.responses ?? {}, preflight: gateway.preflight ?? {} };
    this.paths = Object.keys(this.doc.paths as Json)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
        // Literal segments win over templated ones (`/order/cart` before `/order/{intent}`).
        literal: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
      }))
      .sort((a, b) => b.literal - a.literal);
  }

  operation(method: string, pathname: string): { pointer: string; operation: OperationObject } | undefined {
    const verb = method.toLowerCase();
    for (const { template, pattern } of this.paths) {
      const item = (this.doc.paths as Record<string, Record<string, OperationObject>>)[template];
      if (pattern.test(pathname) && METHODS.includes(verb) && item[verb]) {
        return { pointer: `/paths/${escape(template)}/${verb}`, operation: item[verb] };
      }
    }
    return undefined;
  }

  /** Follows a local `$ref` (responses, headers) to its target and that target's pointer. */
  deref<T extends { $ref?: string }>(value: T, pointer: string): { value: T; pointer: string } {
    let current = value;
    let at = pointer;
    while (current.$ref) {
      at = current.$ref.replace(/^#/, '');
      current = at
        .split('/')
        .slice(1)
        .reduce<unknown>((node, key) => (node as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc) as T;
    }
    return { value: current, pointer: at };
  }

  validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      // A URI fragment: JSON pointer segments percent-encoded (`{id}` in a path template).
      const fragment = pointer.split('/').map(encodeURIComponent).join('/');
      validate = this.ajv.compile({ $ref: `${SPEC_ID}#${fragment}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
let contract: Contract | undefined;

function describeErrors(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map(
    (error) =>
      `${where}${error.instancePath} ${error.message ?? 'is invalid'}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}`,
  );
}

/**
 * Checks one response against the spec: its operation exists, its status is documented for that
 * operation (or is one of the gateway's own answers, `x-gateway`, which also answer paths and
 * methods no operation declares), the body has a documented media type and matches its schema,
 * and documented headers match theirs. Returns the problems (empty when the spec allows it).
 */
export function contractProblems(response: ObservedResponse): string[] {
  contract ??= new Contract();
  const url = new URL(response.path, 'http://contract.local');
  const found = contract.operation(response.method, url.pathname);
  const statusKeys = [String(response.status), `${String(response.status)[0]}XX`, 'default'];
  let responses: Record<string, ResponseObject>;
  let at: string;
  let key: string | undefined;
  if (found) {
    responses = found.operation.responses ?? {};
    at = `${found.pointer}/responses`;
    key = statusKeys.find((candidate) => responses[candidate]);
    // The gateway's own answers (`x-gateway.responses`) may come for any operation: a body over 64 KiB, say.
    if (!key && contract.gateway.responses[String(response.status)]) {
      responses = contract.gateway.responses;
      at = '/x-gateway/responses';
      key = String(response.status);
    }
    if (!key) {
      return [
        `status ${response.status} is not documented for ${found.operation.operationId ?? found.pointer} (documented: ${Object.keys(responses).join(', ')}; the gateway's: ${Object.keys(contract.gateway.responses).join(', ')})`,
        `the body: ${response.text.slice(0, 300)}`,
      ];
    }
  } else {
    // No operation: only the gateway answers, a preflight (OPTIONS) or one of its own errors.
    const preflight =
      response.method.toUpperCase() === 'OPTIONS' && contract.gateway.preflight[String(response.status)];
    responses = preflight ? contract.gateway.preflight : contract.gateway.responses;
    at = preflight ? '/x-gateway/preflight' : '/x-gateway/responses';
    key = responses[String(response.status)] ? String(response.status) : undefined;
    if (!key)
      return [
        `the spec has no operation ${response.method} ${url.pathname}, and ${response.status} is not one of the gateway's own answers (x-gateway)`,
        `the body: ${response.text.slice(0, 300)}`,
      ];
  }
  const { value: documented, pointer } = contract.deref(responses[key], `${at}/${key}`);
  const problems: string[] = [];
  const mediaTypes = Object.keys(documented.content ?? {});
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (mediaTypes.length === 0) {
    if (response.text !== '')
      problems.push(`the spec documents no body for ${response.status}, but one came: ${response.text.slice(0, 200)}`);
  } else if (!mediaTypes.includes(contentType)) {
    problems.push(`content-type "${contentType}" is not one of the documented ${mediaTypes.join(', ')}`);
  } else if (documented.content?.[contentType]?.schema && contentType === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      problems.push(`the body is not JSON: ${response.text.slice(0, 200)}`);
    }
    if (body !== undefined) {
      const validate = contract.validator(`${pointer}/content/${escape(contentType)}/schema`);
      if (!validate(body))
        problems.push(...describeErrors(validate, 'body'), `the body: ${response.text.slice(0, 300)}`);
    }
  }
  for (const [name, reference] of Object.entries(documented.headers ?? {})) {
    // Set-Cookie is several headers in one; the identity suites check each cookie's attributes.
    if (name.toLowerCase() === 'set-cookie') continue;
    const { value: header, pointer: headerPointer } = contract.deref(reference, `${pointer}/headers/${escape(name)}`);
    const value = response.headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`header ${name} is required but missing`);
      continue;
    }
    if (!header.schema) continue;
    const validate = contract.validator(`${headerPointer}/schema`);
    if (!validate(value)) problems.push(...describeErrors(validate, `header ${name}`));
  }
  return problems;
}

/** Throws a ContractViolation naming method, path, status and the schema errors. */
export function assertMatchesContract(response: ObservedResponse): void {
  const problems = contractProblems(response);
  if (problems.length > 0) throw new ContractViolation(response, problems);
}
