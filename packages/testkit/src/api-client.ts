import { createClient, type EStoreClient, type Middleware } from '@estore/client';
import { requireEnv } from '@estore/core/config';
import { assertMatchesContract } from './contract';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** `Set-Cookie` headers as sent. */
  setCookies: string[];
}

/**
 * A storefront's view of the API: JSON in and out through the local gateway, with a cookie jar
 * so a test signs in once and stays signed in, as a browser would. Every response is checked
 * against the contract (docs/openapi.yaml): a status the operation does not document, or a body
 * or header that does not match its schema, throws a ContractViolation in the test that received
 * it. The gateway's own answers (a route miss, a preflight) are in the spec too (`x-gateway`).
 *
 * Every call goes through the typed client a storefront installs (`@estore/client`, openapi-fetch),
 * so every end-to-end test also proves the client's URLs, headers and bodies.
 */
export class ApiClient {
  private readonly jar = new Map<string, string>();
  private readonly client: EStoreClient;

  constructor(readonly baseUrl: string = requireEnv('ESTORE_API_URL')) {
    this.client = createClient({ baseUrl });
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    // openapi-fetch reads and parses an error's body itself; the test wants every answer exactly as
    // sent (malformed or not) for the contract check, so a middleware keeps a copy of it.
    let answer: Response | undefined;
    const keepAnswer: Middleware = {
      onResponse: ({ response }) => {
        answer = response.clone();
      },
    };
    // The tests send any method to any concrete path (unknown routes, raw strings as bodies): the
    // typed signature is for storefronts; here the contract check on the answer does that job.
    const send = this.client.request as unknown as UntypedRequest;
    await send(method, path, {
      body,
      bodySerializer: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      parseAs: 'stream',
      middleware: [keepAnswer],
    });
    if (!answer) throw new Error(`${method} ${path}: the client returned without a response`);
    const response = answer;
    const setCookies = response.headers.getSetCookie();
    for (const header of setCookies) this.remember(header);
    const text = await response.text();
    assertMatchesContract({ method, path, status: response.status, headers: response.headers, text });
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text: a test asserting JSON will say what came back instead
    }
    return { status: response.status, headers: response.headers, body: parsed as T, setCookies };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }

  delete<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  clearCookies(): void {
    this.jar.clear();
  }

  private remember(header: string): void {
    const [pair, ...attributes] = header.split(';');
    const index = pair.indexOf('=');
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
    if (expired || value === '') this.jar.delete(name);
    else this.jar.set(name, value);
  }
}

/** The typed client's `request` with method, path and body left open (see ApiClient.request). */
type UntypedRequest = (
  method: string,
  path: string,
  init: {
    body: unknown;
    bodySerializer: (body: unknown) => string;
    headers: Record<string, string>;
    parseAs: 'stream';
    middleware: Middleware[];
  },
) => Promise<unknown>;

/** A unique, valid name for test data, so suites never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toLowerCase();
}
