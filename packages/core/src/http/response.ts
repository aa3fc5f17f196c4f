/** What a route returns; the wrapper turns it into an API Gateway (HTTP API v2) response. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

export const ok = (body: unknown, extra: Omit<HttpResult, 'status' | 'body'> = {}): HttpResult => ({
  status: 200,
  body,
  ...extra,
});

export const created = (body: unknown, extra: Omit<HttpResult, 'status' | 'body'> = {}): HttpResult => ({
  status: 201,
  body,
  ...extra,
});

export const accepted = (body: unknown): HttpResult => ({ status: 202, body });

export const noContent = (extra: Omit<HttpResult, 'status' | 'body'> = {}): HttpResult => ({
  status: 204,
  ...extra,
});
