import type { HttpLambda } from '@estore/core/http';
import { httpEvent } from '@estore/testkit';
import type { Context } from 'aws-lambda';

export interface Caller {
  username: string;
  groups: string[];
}

/** Calls a route's handler as API Gateway would behind the authorizer (no caller = anonymous). */
export async function invoke<T = unknown>(
  handler: HttpLambda,
  options: {
    method: string;
    path: string;
    caller: Caller | null;
    query?: Record<string, string>;
    pathParameters?: Record<string, string>;
  },
): Promise<{ status: number; body: T }> {
  const event = httpEvent({ ...options, caller: options.caller });
  const response = await handler(event, { awsRequestId: `it-${Date.now()}` } as Context);
  return { status: response.statusCode ?? 0, body: (response.body ? JSON.parse(response.body) : undefined) as T };
}
