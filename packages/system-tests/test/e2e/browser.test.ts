import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { contractProblems, createTestUser, type TestUser } from '@estore/testkit';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { VITE_PORT } from '../../../../scripts/lib/cors';
import { isRunnable, PORT_OFFSET, PORTS, ROOT, readServices } from '../../../../scripts/lib/topology';

/**
 * A real browser, as a storefront's users have: Debian's Chromium driven by playwright-core. A
 * page served from another local origin (Vite's default port), its script built from the typed
 * client (@estore/client) and bundled with esbuild, signs in through the gateway,
 * fills a cart, checks out, edits a product with If-Match and signs out, all with
 * `credentials: 'include'`: cookies, CORS and preflights as a frontend meets them. Then the API
 * reference at /docs must render every route.
 */
jest.setTimeout(120_000);

const CHROMIUM = process.env.ESTORE_CHROMIUM ?? '/usr/bin/chromium';
const STOREFRONT_PORT = VITE_PORT + PORT_OFFSET;
const STOREFRONT = `http://localhost:${STOREFRONT_PORT}`;
// localhost on both sides: one site, so the SameSite=Strict cookies flow as they would in dev.
const API = `http://localhost:${PORTS.gateway}`;

/**
 * The storefront: one page whose script (browser-storefront.ts, built on @estore/client and bundled
 * here for the browser as a storefront would) plays a customer's (and a manager's) journey.
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>storefront</title></head><body>
<script src="/storefront.js"></script>
</body></html>`;

async function bundleStorefront(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'browser-storefront.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'storefront',
    platform: 'browser',
    target: 'es2022',
    // In the workspace the client resolves to its source (the root tsconfig's paths), not a build.
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
  });
  return result.outputFiles[0].text;
}

/**
 * Every answer the page receives from the API, checked against docs/openapi.yaml like every
 * ApiClient response: returns the problems, each naming its request.
 */
function watchContract(page: Page): () => Promise<string[]> {
  const checks: Array<Promise<string[]>> = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== API || url.pathname.startsWith('/docs')) return;
    checks.push(
      (async () => {
        const headers = new Headers();
        // Set-Cookie comes joined by newlines; the identity suites check the cookies themselves.
        for (const [name, value] of Object.entries(await response.allHeaders()))
          if (name !== 'set-cookie') headers.set(name, value);
        const text =
          response.request().method() === 'OPTIONS' || response.status() === 204 ? '' : await response.text();
        const problems = contractProblems({
          method: response.request().method(),
          path: url.pathname + url.search,
          status: response.status(),
          headers,
          text,
        });
        return problems.map(
          (problem) => `${response.request().method()} ${url.pathname} ${response.status()}: ${problem}`,
        );
      })(),
    );
  });
  return async () => (await Promise.all(checks)).flat();
}

let server: Server;
let browser: Browser;
let manager: TestUser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM} (Debian: \`sudo apt-get install -y chromium\`; ` +
        'or set ESTORE_CHROMIUM to another Chromium binary). .ci/run installs it on CI.',
    );
  }
  const script = await bundleStorefront();
  server = createServer((req, res) => {
    const isScript = req.url === '/storefront.js';
    res.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html; charset=utf-8' });
    res.end(isScript ? script : PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(STOREFRONT_PORT, '127.0.0.1', resolve);
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  manager = await createTestUser({ groups: ['manage_product_group'], prefix: 'br_' });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('a storefront on another local origin, in Chromium', () => {
  it('signs in, edits with If-Match, checks out idempotently and signs out with credentials included', async () => {
    const page = await browser.newPage();
    // A CORS refusal shows only here (fetch just fails); the 412 and 401 below are expected.
    const corsErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /cors|access-control/i.test(message.text())) corsErrors.push(message.text());
    });
    const contractProblemsSeen = watchContract(page);
    await page.goto(STOREFRONT);
    type Step = { status: number; etag: string | null; body: Record<string, unknown> & { stock?: number } };
    type Storefront = { journey: (api: string, username: string, password: string) => Promise<Record<string, Step>> };
    const steps = await page.evaluate(
      ([api, username, password]) =>
        (globalThis as unknown as { storefront: Storefront }).storefront.journey(api, username, password),
      [API, manager.username, manager.password],
    );

    expect(steps.login.status).toBe(200);
    expect(steps.auth).toMatchObject({ status: 200, body: { username: manager.username, manageProducts: true } });
    expect(steps.create.status).toBe(201);
    // ETag is readable from JS (exposed), and If-Match passes the preflight.
    expect(steps.read.etag).toMatch(/^"v\d+"$/);
    expect(steps.edit).toMatchObject({ status: 200, body: { price: 2400 } });
    expect(steps.edit.etag).not.toBe(steps.read.etag);
    expect(steps.staleEdit.status).toBe(412);
    expect(steps.cart).toMatchObject({ status: 200, body: { amount: 4800 } });
    // Idempotency-Key passes the preflight: the retry gets the first answer, and one order.
    expect(steps.checkout.status).toBe(201);
    expect(steps.retry).toEqual(steps.checkout);
    expect(steps.after.body.stock).toBe(3);
    expect(steps.logout.status).toBe(204);
    expect(steps.signedOut.status).toBe(401);
    expect(corsErrors).toEqual([]);
    expect(await contractProblemsSeen()).toEqual([]);
    await page.close();
  });

  it('renders the API reference at /docs with every route, and keeps a screenshot of it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${API}/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '';
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
        return `${method.toUpperCase()} ${path}`;
      }),
    );
    const declared = readServices()
      .filter(isRunnable)
      .flatMap((service) => service.routes.map((route) => `${route.method} ${route.path}`));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((route) => !shown.includes(route))).toEqual([]);
    const images = join(ROOT, 'docs', 'images');
    mkdirSync(images, { recursive: true });
    await page.screenshot({ path: join(images, 'api-reference.png') });
    await page.close();
  });
});
