import type { IncomingHttpHeaders } from 'node:http';

/**
 * serverless-offline honours request headers that API Gateway does not have: most of all
 * `sls-offline-authorizer-override`, whose JSON becomes the route's authorizer context, so one
 * header would make anyone an admin. The gateway drops every `sls-offline-*` header before
 * proxying, as nothing but a test harness talking to a service directly should ever send one.
 */
export function stripOfflineHeaders(headers: IncomingHttpHeaders): string[] {
  const removed = Object.keys(headers).filter((name) => name.toLowerCase().startsWith('sls-offline-'));
  for (const name of removed) delete headers[name];
  return removed;
}

/**
 * The gateway answers only requests addressed to it by a loopback name. A web page on another
 * site can point its own host name at 127.0.0.1 (DNS rebinding) and then read the answers as
 * same-origin; such requests still carry that foreign name in `Host`, so they are refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const allowed = [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
  return allowed.includes(host.trim().toLowerCase());
}
