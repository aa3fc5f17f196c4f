import type { Context } from 'aws-lambda';

export interface Caller {
  username: string;
  groups: string[];
}

export { httpEvent } from '@estore/testkit';

export const lambdaContext = { awsRequestId: 'req-unit' } as Context;

export function parseBody<T = unknown>(response: { body?: string }): T {
  return JSON.parse(response.body ?? '') as T;
}
