import type { Context } from 'aws-lambda';
import type { HttpEvent } from '@estore/core';

export interface Caller {
  username: string;
  groups: string[];
}

/** An HTTP API event as API Gateway hands it to a route behind the accessToken authorizer. */
export function httpEvent(options: {
  method: string;
  path: string;
  caller?: Caller;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
}): HttpEvent {
  return {
    version: '2.0',
    routeKey: `${options.method} ${options.path}`,
    rawPath: options.path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: {},
    queryStringParameters: options.query,
    pathParameters: options.pathParameters,
    isBase64Encoded: false,
    requestContext: {
      http: { method: options.method, path: options.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      authorizer: { lambda: options.caller ? { username: options.caller.username, groups: options.caller.groups.join(',') } : {} },
    } as HttpEvent['requestContext'],
  } as HttpEvent;
}

export const lambdaContext = { awsRequestId: 'req-unit' } as Context;

export function parseBody<T = unknown>(response: { body?: string }): T {
  return JSON.parse(response.body ?? '') as T;
}
