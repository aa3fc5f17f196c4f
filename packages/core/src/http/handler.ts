import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { acceptCorrelationId, CORRELATION_HEADER, logWith } from '../correlation';
import { AppError, PayloadTooLargeError, UnauthorizedError, ValidationError } from '../errors';
import { logger } from '../logger';
import { parseCookies } from './cookies';
import { type AuthorizerContext, type Group, type Principal, principalFromContext, requireGroup } from './principal';
import type { HttpResult } from './response';
import { type Schema, validate } from './validate';

export const MAX_BODY_BYTES = 64 * 1024;

/** Who may call a route: anyone, any signed-in user, or members of one of the groups. */
export type Access = 'public' | 'signed-in' | { anyOf: Group[] };

export interface RouteSpec<B, Q, P, A extends Access> {
  access: A;
  body?: Schema<B>;
  query?: Schema<Q>;
  path?: Schema<P>;
  /** Keep the body as the exact string received (e.g. to verify a webhook signature). */
  rawBody?: boolean;
  /** The route accepts no body at all (its schema supplies the default); otherwise a body schema means a body is required. */
  optionalBody?: boolean;
}

export interface HttpRequest<B, Q, P, A extends Access> {
  body: B;
  query: Q;
  path: P;
  principal: A extends 'public' ? Principal | undefined : Principal;
  headers: Record<string, string | undefined>;
  cookies: Record<string, string>;
  rawBody: string;
  requestId: string;
  /** The request's correlation id (`x-correlation-id`, accepted or generated): what it causes carries it on. */
  correlationId: string;
  /** The caller's address as API Gateway saw it (`requestContext.http.sourceIp`), for per-client limits. */
  sourceIp: string;
  /** The Lambda context (remaining time, for work that must finish within the invocation). */
  lambdaContext: Context;
}

/** API Gateway's HTTP API event, with the authorizer's context where a route has one. */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { lambda?: AuthorizerContext };
  };
};

export type HttpLambda = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function readBody(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError('Request body is not valid JSON', [], 'MALFORMED_JSON');
  }
}

const bodyRequired = () => new ValidationError('Invalid body', [{ field: 'body', message: 'a JSON body is required' }]);

/** Whether a schema takes an object (`Joi.object()`, optional or not). */
const expectsObject = (schema: Schema<unknown>): boolean => schema.type === 'object';

/**
 * The body a route's schema sees. An absent, empty or blank body would reach the schema as
 * `undefined`, which an optional schema lets through to a route that then reads its fields: so it
 * is refused here, once, for every route with a body schema unless the route declares the body
 * optional. A schema of an object gets only an object (a type error on `null` or an array names no
 * field a client could fix).
 */
function parseBody<B>(spec: RouteSpec<B, unknown, unknown, Access>, raw: string): B | undefined {
  if (!spec.body || spec.rawBody) return undefined;
  const parsed = parseJson(raw);
  if (parsed === undefined && !spec.optionalBody) throw bodyRequired();
  if (
    parsed !== undefined &&
    expectsObject(spec.body) &&
    (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
  ) {
    throw new ValidationError('Invalid body', [{ field: 'body', message: 'the body must be a JSON object' }]);
  }
  return validate(spec.body, parsed, 'body');
}

function lowerCaseHeaders(headers: HttpEvent['headers']): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

/** Not an AppError: the wrapper answers 500 INTERNAL with the request id, and logs it. */
class AccessTokenUncheckedError extends Error {
  constructor() {
    super('The access token could not be checked: the user pool keys were unavailable to the authorizer');
    this.name = new.target.name;
  }
}

function authorize(access: Access, principal: Principal | undefined, context: AuthorizerContext | undefined): void {
  if (access === 'public') return;
  if (!principal && context?.tokenUnchecked === 'true') throw new AccessTokenUncheckedError();
  if (!principal) throw new UnauthorizedError();
  if (access !== 'signed-in') requireGroup(principal, ...access.anyOf);
}

function toResponse(result: HttpResult, requestId: string, correlationId: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: result.status,
    headers: {
      ...(result.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'x-request-id': requestId,
      [CORRELATION_HEADER]: correlationId,
      ...result.headers,
    },
    ...(result.cookies?.length ? { cookies: result.cookies } : {}),
    body: result.body === undefined ? '' : JSON.stringify(result.body),
  };
}

function errorResult(error: unknown, requestId: string): HttpResult {
  if (error instanceof AppError) return { status: error.status, body: error.toJSON() };
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'Something went wrong', details: [{ requestId }] } },
  };
}

/**
 * The one HTTP wrapper: body limit and JSON parsing, validation, access control,
 * error mapping and a structured log line per request. A route only does its own work.
 */
export function httpHandler<
  B = undefined,
  Q = Record<string, never>,
  P = Record<string, never>,
  A extends Access = Access,
>(spec: RouteSpec<B, Q, P, A>, route: (request: HttpRequest<B, Q, P, A>) => Promise<HttpResult>): HttpLambda {
  return async (event, context) => {
    const started = Date.now();
    const requestId = context.awsRequestId;
    const headers = lowerCaseHeaders(event.headers);
    const correlationId = acceptCorrelationId(headers[CORRELATION_HEADER]);
    logWith({ correlationId });
    let result: HttpResult;
    try {
      const rawBody = readBody(event);
      if (Buffer.byteLength(rawBody, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLargeError();
      const authorizerContext = event.requestContext.authorizer?.lambda;
      const principal = principalFromContext(authorizerContext);
      authorize(spec.access, principal, authorizerContext);
      const body = parseBody(spec as RouteSpec<B, unknown, unknown, Access>, rawBody);
      const request = {
        body: body as B,
        query: (spec.query ? validate(spec.query, event.queryStringParameters ?? {}, 'query') : {}) as Q,
        path: (spec.path ? validate(spec.path, event.pathParameters ?? {}, 'path') : {}) as P,
        principal: principal as HttpRequest<B, Q, P, A>['principal'],
        headers,
        cookies: parseCookies([...(event.cookies ?? []), headers.cookie]),
        rawBody,
        requestId,
        correlationId,
        sourceIp: event.requestContext.http?.sourceIp ?? '',
        lambdaContext: context,
      };
      result = await route(request);
    } catch (error) {
      result = errorResult(error, requestId);
      if (result.status >= 500) logger.error('request failed', { requestId, error: error as Error });
    }
    logger.info('request', {
      requestId,
      method: event.requestContext.http?.method,
      path: event.rawPath,
      status: result.status,
      durationMs: Date.now() - started,
    });
    return toResponse(result, requestId, correlationId);
  };
}
