import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { acceptCorrelationId, CORRELATION_HEADER } from '@estore/core/correlation';
import httpProxy from 'http-proxy';
import { allowedOrigins, corsHeaders, preflightHeaders } from './lib/cors';
import { serveDocs } from './lib/docs';
import { offlineAnswer } from './lib/offline-answers';
import { isAllowedHost, stripOfflineHeaders } from './lib/request-guard';
import { compileRoutes, matchRoute } from './lib/routing';
import { isRunnable, PORT_OFFSET, PORTS, readServices } from './lib/topology';

/**
 * One local base URL for a frontend, like the single API in front of the services in AWS:
 * each request goes to the service whose serverless.yml declares the route.
 */
const routes = compileRoutes(readServices().filter(isRunnable));
// A fresh connection to the service per request (Node's default agent keeps them alive): see proxyRes below.
// Answers are read whole before they are passed on (see offlineAnswer below): they are small, and local.
const proxy = httpProxy.createProxyServer({
  xfwd: true,
  agent: new Agent({ keepAlive: false }),
  selfHandleResponse: true,
});
const origins = allowedOrigins(process.env.ESTORE_CORS_ORIGINS, PORT_OFFSET);

// serverless-offline reflects any origin; the gateway alone decides, as API Gateway's CORS would.
proxy.on('proxyRes', (proxyRes, req, res) => {
  for (const name of Object.keys(proxyRes.headers)) {
    if (name.startsWith('access-control-')) delete proxyRes.headers[name];
  }
  Object.assign(proxyRes.headers, corsHeaders(req.headers.origin, origins));
  // serverless-offline's own answers (an authorizer's refusal) carry no correlation id; ours do.
  proxyRes.headers[CORRELATION_HEADER] ??= correlationOf(req);
  // One request per connection. A service that answers before reading a whole request (hapi's
  // early 413/400) leaves the rest of it on a kept-alive socket, where it was parsed as a request of
  // its own and its answer handed to the client's next request: tests saw an anonymous call answered
  // as another caller's 200. Closing each connection makes that impossible; locally only.
  proxyRes.headers.connection = 'close';
  const chunks: Buffer[] = [];
  proxyRes.on('data', (chunk: Buffer) => chunks.push(chunk));
  proxyRes.on('error', () =>
    sendError(res, 502, 'SERVICE_UNAVAILABLE', 'The service behind this route stopped answering'),
  );
  proxyRes.on('end', () => {
    const body = Buffer.concat(chunks);
    // serverless-offline's own answers (a Lambda that timed out: 200 with its stack trace; hapi's
    // 400; a route miss listing every route) in the contract's shape (scripts/lib/offline-answers.ts).
    const replacement = offlineAnswer(proxyRes.statusCode ?? 0, proxyRes.headers, body);
    if (replacement) {
      const requestId = randomUUID();
      process.stdout.write(
        `gateway: ${req.method} ${req.url?.slice(0, 200)} answered ${replacement.status} ${replacement.code} (request id ${requestId}) for: ${replacement.original}\n`,
      );
      const details = replacement.status === 500 ? [{ requestId }] : [];
      return sendError(res, replacement.status, replacement.code, replacement.message, details, requestId);
    }
    const status = proxyRes.statusCode ?? 502;
    const headers = { ...proxyRes.headers };
    delete headers['transfer-encoding'];
    if (status !== 204 && status !== 304) headers['content-length'] = String(body.length);
    res.writeHead(status, proxyRes.statusMessage, headers);
    res.end(body);
  });
});

/** The request's correlation id, as the HTTP wrapper accepts it (1-64 of [A-Za-z0-9._-]), else a new one. */
function correlationOf(req: IncomingMessage): string {
  const given = req.headers[CORRELATION_HEADER];
  return acceptCorrelationId(Array.isArray(given) ? given[0] : given);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  details: unknown[] = [],
  requestId = randomUUID(),
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    connection: 'close',
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': requestId,
    // The gateway's own answers echo the correlation id too (contract: every response).
    [CORRELATION_HEADER]: correlationOf(res.req),
    ...corsHeaders(res.req.headers.origin, origins),
  });
  res.end(JSON.stringify({ error: { code, message, details } }));
}

proxy.on('error', (_error, _req, res) => {
  if ('writeHead' in res) sendError(res, 502, 'SERVICE_UNAVAILABLE', 'The service behind this route is not answering');
});

const server = createServer((req, res) => {
  if (!isAllowedHost(req.headers.host, PORTS.gateway)) {
    return sendError(res, 403, 'FORBIDDEN', 'This gateway only answers requests addressed to localhost or 127.0.0.1');
  }
  // The API reference (Swagger UI from npm) and the spec, same-origin with the API.
  if (serveDocs(req, res)) return;
  const preflight = req.method === 'OPTIONS' ? preflightHeaders(req.headers.origin, origins) : undefined;
  if (preflight) {
    res.writeHead(204, { ...preflight, [CORRELATION_HEADER]: correlationOf(req) });
    res.end();
    return;
  }
  // Never let a client reach serverless-offline's test hooks (an authorizer override would make anyone admin).
  stripOfflineHeaders(req.headers);
  // Accepted or replaced once here, so the service and the gateway's own answers echo the same id.
  req.headers[CORRELATION_HEADER] = correlationOf(req);
  const service = matchRoute(routes, req.method ?? 'GET', req.url ?? '/');
  if (!service) return sendError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${(req.url ?? '/').split('?')[0]}`);
  proxy.web(req, res, { target: `http://127.0.0.1:${service.httpPort}` });
});

// Requests Node refuses before any handler runs (headers or URL over its 16 KB, a malformed
// request line) would get an empty body; answer them in the contract's error shape too.
server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
  if (!socket.writable) return socket.destroy();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, code, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request line or headers are too large']
    : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message, details: [] } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
});

server.listen(PORTS.gateway, '127.0.0.1', () => {
  process.stdout.write(`gateway listening on http://127.0.0.1:${PORTS.gateway} (${routes.length} routes)\n`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    proxy.close();
    process.exit(0);
  });
}
