import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { ROOT } from './topology';

/**
 * The API reference at /docs: Swagger UI from the swagger-ui-dist npm package (nothing from a
 * CDN) over docs/openapi.yaml, served by the gateway itself so "Try it out" is same-origin and
 * sends the session cookies like the storefront would.
 */
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>E-Store API reference</title>
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <style>body { margin: 0 } .topbar { display: none }</style>
</head>
<body>
  <div id="api-reference"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

/**
 * Swagger UI's setup, plus a "fetch (browser)" request snippet: what a storefront sends, with
 * `credentials: 'include'` so the session cookies go along from another local origin.
 */
const INIT = `'use strict';
function fetchSnippet(request) {
  var r = request.toJS();
  var headers = {};
  Object.keys(r.headers || {}).forEach(function (name) {
    if (name.toLowerCase() !== 'cookie') headers[name] = r.headers[name];
  });
  var options = { method: r.method, credentials: 'include' };
  if (Object.keys(headers).length) options.headers = headers;
  var text = 'await fetch(' + JSON.stringify(r.url) + ', ' + JSON.stringify(options, null, 2);
  if (r.body !== undefined && r.body !== null && r.body !== '') {
    var body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    text = text.replace(/\\n}$/, ',\\n  "body": JSON.stringify(' + body + ')\\n}');
  }
  return text + ');';
}
window.ui = SwaggerUIBundle({
  url: '/docs/openapi.yaml',
  dom_id: '#api-reference',
  deepLinking: true,
  displayOperationId: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  tryItOutEnabled: true,
  withCredentials: true,
  requestSnippetsEnabled: true,
  requestSnippets: {
    generators: {
      fetch: { title: 'fetch (browser)', syntax: 'javascript' },
      curl_bash: { title: 'cURL (bash)', syntax: 'bash' },
    },
    defaultExpanded: true,
    languages: ['fetch', 'curl_bash'],
  },
  plugins: [function () { return { fn: { requestSnippetGenerator_fetch: fetchSnippet } }; }],
});
`;

/** The spec as served: its `servers` is this gateway, whatever port it runs on. */
function specFor(host: string): string {
  const doc = parseDocument(readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8'));
  doc.set('servers', [{ url: `http://${host}`, description: 'This local gateway' }]);
  return doc.toString();
}

/** Answers GET /docs, its assets and the spec; false when the request is not for /docs. */
export function serveDocs(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/docs' && !path.startsWith('/docs/'))) return false;
  const name = path === '/docs' ? '' : path.slice('/docs/'.length);
  let type: string;
  let body: string | Buffer;
  if (name === '' || name === 'index.html') [type, body] = ['text/html; charset=utf-8', PAGE];
  else if (name === 'init.js') [type, body] = ['text/javascript; charset=utf-8', INIT];
  else if (name === 'openapi.yaml')
    [type, body] = ['application/yaml; charset=utf-8', specFor(req.headers.host ?? 'localhost')];
  else if (ASSETS[name]) [type, body] = [ASSETS[name], readFileSync(join(SWAGGER_DIR, name))];
  else return false;
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
