/**
 * CORS for a storefront served from another local origin (a Vite dev server, say). Cookies are
 * SameSite=Strict, and localhost ports are one site, so with credentials they still flow.
 */
export const VITE_PORT = 5173;

/** Vite's default origin, on the port shifted like every other local port (ESTORE_PORT_OFFSET). */
export function defaultCorsOrigins(portOffset = 0): string[] {
  const port = VITE_PORT + portOffset;
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

export const DEFAULT_CORS_ORIGINS = defaultCorsOrigins(0);

export function allowedOrigins(setting: string | undefined, portOffset = 0): string[] {
  if (setting === undefined) return defaultCorsOrigins(portOffset);
  return setting
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/** Headers for a response to `origin`, or none when the origin is not allowed. */
export function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    // A storefront reads ETag to send it back as If-Match when it edits a product.
    'access-control-expose-headers': 'etag, x-request-id, x-correlation-id',
    vary: 'Origin',
  };
}

/** Extra headers answering a preflight (`OPTIONS`) from an allowed origin. */
export function preflightHeaders(origin: string | undefined, allowed: string[]): Record<string, string> | undefined {
  const headers = corsHeaders(origin, allowed);
  if (!headers['access-control-allow-origin']) return undefined;
  return {
    ...headers,
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, idempotency-key, if-match, x-correlation-id',
    'access-control-max-age': '600',
  };
}
