import type { HttpEvent, Principal } from '@estore/core/http';
import type { Context } from 'aws-lambda';

export interface HttpEventOptions {
  method: string;
  path: string;
  /** The principal the authorizer established; none means an anonymous caller. */
  caller?: Principal | null;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** The caller's address; 127.0.0.1 unless a test needs several clients. */
  sourceIp?: string;
}

/** An HTTP API (v2) event as API Gateway hands it to a route behind the access-token authorizer. */
export function httpEvent(options: HttpEventOptions): HttpEvent {
  return {
    version: '2.0',
    routeKey: `${options.method} ${options.path}`,
    rawPath: options.path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: options.headers ?? {},
    queryStringParameters: options.query,
    pathParameters: options.pathParameters,
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '127.0.0.1',
        userAgent: 'jest',
      },
      authorizer: {
        lambda: options.caller ? { username: options.caller.username, groups: options.caller.groups.join(',') } : {},
      },
    } as HttpEvent['requestContext'],
  } as HttpEvent;
}

/**
 * The slice of the Lambda context the handlers read: the request id, and the time left before a
 * deadline `timeoutMs` from its creation (checkout and the idempotency wait budget by it).
 */
export const lambdaContext = (awsRequestId = `test-${Date.now()}`, timeoutMs = 30_000): Context => {
  const deadline = Date.now() + timeoutMs;
  return { awsRequestId, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) } as Context;
};
