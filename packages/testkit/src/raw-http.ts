import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { requireEnv } from '@estore/core/config';
import { assertMatchesContract } from './contract';

export interface RawRequest {
  method: string;
  /** Path and query, sent as they are (no encoding added). */
  path: string;
  headers?: Record<string, string>;
  /** Sent as is, whatever the method (fetch refuses a body on GET; a client may still send one). */
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * One request through the gateway with node:http, for what fetch will not send: a body on GET,
 * any content type or none, a Host header, bytes a browser would never produce. No cookie jar.
 */
export function sendRaw(
  { method, path, headers = {}, body }: RawRequest,
  baseUrl = requireEnv('ESTORE_API_URL'),
): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: toHeaders(res.headers),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * sendRaw, and the answer checked against docs/openapi.yaml like every ApiClient response: an
 * undocumented status, or a body or header off its schema, throws a ContractViolation.
 */
export async function sendChecked(request: RawRequest, baseUrl?: string): Promise<RawResponse> {
  const response = await sendRaw(request, baseUrl);
  assertMatchesContract({ method: request.method, path: request.path, ...response });
  return response;
}
