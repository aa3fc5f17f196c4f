import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpLambda } from '@estore/core';

export interface Caller {
  username: string;
  groups: string[];
}

export const adminCaller: Caller = { username: 'it-admin', groups: ['admin_group'] };

/** Calls a route's handler as API Gateway would behind the authorizer (no caller = anonymous). */
export async function invoke<T = unknown>(
  handler: HttpLambda,
  options: { method: string; path: string; caller: Caller | null; query?: Record<string, string>; pathParameters?: Record<string, string> },
): Promise<{ status: number; body: T }> {
  const event = {
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
    },
  } as unknown as HttpEvent;
  const response = await handler(event, { awsRequestId: `it-${Date.now()}` } as Context);
  return { status: response.statusCode ?? 0, body: (response.body ? JSON.parse(response.body) : undefined) as T };
}
