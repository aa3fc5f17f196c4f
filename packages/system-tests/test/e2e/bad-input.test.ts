import { contractProblems, createTestUser, type RawResponse, sendRaw, signInDirect } from '@estore/testkit';
import { isRunnable, type Route, readServices } from '../../../../scripts/lib/topology';

/**
 * The proof: whatever a client sends, to whichever route, the answer is never a 5xx, and
 * every 4xx is in the contract's error shape; every answer is one docs/openapi.yaml allows. The
 * routes are read from every serverless.yml, so a new route is covered the day it is declared.
 * Each request goes through the gateway, anonymous and as a signed-in admin (who gets past
 * access control to the validation behind it).
 */

interface Sent {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** A forged cursor on a list route: refused with 400 naming `cursor` once the caller may list. */
  forgedCursor?: boolean;
}

type Answer = RawResponse;

/** node:http (sendRaw) rather than fetch: fetch refuses a body on GET, and a client may still send one. */
function send({ method, path, body, headers = {} }: Sent): Promise<Answer> {
  return sendRaw({
    method,
    path,
    body,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  });
}

const routes: Route[] = readServices()
  .filter(isRunnable)
  .flatMap((service) => service.routes);

/** A harmless value for each path parameter: nothing real is ever deleted or changed. */
const SAFE_PATH_VALUES: Record<string, string> = {
  id: 'no-such-product-bad-input',
  intent: 'o_nosuchorderbadinput',
  groupname: 'manage_product_group',
};
const fillPath = (path: string, value?: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => value ?? SAFE_PATH_VALUES[name] ?? 'x');

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const big = 'x'.repeat(10 * 1024);

const BODIES: Array<[string, string | undefined]> = [
  ['no body', undefined],
  ['an empty body', ''],
  ['whitespace', ' \n\t '],
  ['null', 'null'],
  ['[]', '[]'],
  ['a number', '42'],
  ['a string', '"text"'],
  ['true', 'true'],
  ['malformed JSON', '{"name":'],
  ['200 levels of objects', nested(200)],
  ['200 levels of arrays', nestedArrays(200)],
  ['10 KB string fields', JSON.stringify({ name: big, username: big, identity: big, code: big })],
  [
    'unicode',
    JSON.stringify({
      name: 'Zébra 🚀 ‮ \u0000',
      username: 'ünï',
      identity: '🚀@例え.jp',
      password: 'пароль',
      code: '١٢٣٤٥٦',
      category: 'Bøøks',
      fileType: 'image/🚀',
    }).replace('"ünï"', '"\\ud800"'),
  ],
  [
    'wrong types',
    JSON.stringify({
      name: 1,
      price: '1',
      stock: [],
      items: {},
      location: 'x',
      fileType: 3,
      identity: {},
      password: null,
      stockAdjustment: 1e308,
    }),
  ],
];

const QUERIES = [
  'limit=abc',
  'limit=-1',
  'limit=1e400',
  'limit=1&limit=2',
  'cursor=',
  'cursor=%00',
  `cursor=${'A'.repeat(4096)}`,
  'slot=99',
  'slot=-1',
  `category=${'x'.repeat(2048)}`,
  'search=%00',
  'search=%F0%9F%9A%80',
  'sort=sideways',
  'status=lost',
  'group=everyone',
  `username=${'u'.repeat(300)}`,
  'username=%00',
];

const PATH_VALUES = ['x'.repeat(2000), '%00', '%F0%9F%9A%80', '..%2F..%2Fetc%2Fpasswd', '%27%20OR%201%3D1--', '%20'];

/** Cursors a client could invent: the list routes must answer each with a 400. */
function forgedCursors(real: string | null): string[] {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const key = (value: string, long = value) => ({
    PK: value,
    SK: long,
    allPk: value,
    newestSk: value,
    t: long,
    s: 0,
    userPk: value,
    userSk: value,
  });
  const forged = [
    b64({ s: 'fingerprint', k: key('') }), // the old unsigned format, empty keys
    b64({ s: 'fingerprint', k: key('p', 'x'.repeat(2048)) }), // the old unsigned format, 2 KB keys
    `${b64(key(''))}.${Buffer.alloc(16).toString('base64url')}`, // the new format, a made-up signature
    `${b64(key('p', 'x'.repeat(2048)))}.${Buffer.alloc(16, 7).toString('base64url')}`,
    `${'A'.repeat(20_000)}`, // past the gateway's 16 KB request line: refused before any service
    'not-a-cursor',
    '.',
  ];
  if (real) {
    const [payload, signature] = real.split('.');
    forged.push(
      `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`,
      real.slice(0, Math.floor(real.length / 2)),
      `${b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), PK: '' })}.${signature}`,
    );
  }
  return forged;
}

function expectSafe(sent: Sent, answer: Answer, identity: string): void {
  const where = `${identity} ${sent.method} ${sent.path.slice(0, 120)} body=${JSON.stringify(sent.body?.slice(0, 60))}`;
  if (answer.status >= 500) throw new Error(`${where} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  const problems = contractProblems({ method: sent.method, path: sent.path, ...answer });
  if (problems.length > 0)
    throw new Error(
      `${where} answered ${answer.status}, which docs/openapi.yaml does not allow:\n  - ${problems.join('\n  - ')}`,
    );
  if (answer.status < 400) return;
  let parsed: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new Error(`${where} answered ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`);
  }
  const error = parsed?.error;
  const shaped =
    typeof error?.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(error.code) &&
    typeof error.message === 'string' &&
    Array.isArray(error.details);
  if (!shaped || Object.keys(parsed ?? {}).length !== 1)
    throw new Error(`${where} answered ${answer.status} outside the error shape: ${answer.text.slice(0, 300)}`);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

const LIST_ROUTES = ['GET /products', 'GET /order', 'GET /users'];

describe('bad input on every route', () => {
  const identities: Array<[string, Record<string, string>]> = [['anonymous', {}]];
  const realCursors = new Map<string, string | null>();

  beforeAll(async () => {
    const admin = await createTestUser({ groups: ['admin_group', 'manage_product_group'], prefix: 'badin_' });
    const { accessToken } = await signInDirect(admin.username, admin.password);
    identities.push(['admin', { authorization: `Bearer ${accessToken}` }]);
    const auth = identities[1][1];
    for (const path of ['/products?limit=1', '/order?limit=1', '/users?limit=1']) {
      const answer = await send({ method: 'GET', path, headers: auth });
      realCursors.set(
        path.split('?')[0],
        answer.status === 200 ? ((JSON.parse(answer.text) as { nextCursor: string | null }).nextCursor ?? null) : null,
      );
    }
  }, 60_000); // the first calls start the list functions cold

  it('reads every route from the serverless.yml files', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/register' },
        { method: 'GET', path: '/users' },
      ]),
    );
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s never answers 5xx, and every 4xx has the error shape',
    async (name, route) => {
      const requests: Sent[] = [];
      for (const [, body] of BODIES) requests.push({ method: route.method, path: fillPath(route.path), body });
      for (const query of QUERIES)
        requests.push({ method: route.method, path: `${fillPath(route.path)}?${query}`, body: '{}' });
      if (route.path.includes('{'))
        for (const value of PATH_VALUES)
          requests.push({ method: route.method, path: fillPath(route.path, value), body: '{}' });
      if (LIST_ROUTES.includes(name)) {
        const extra = name === 'GET /products' ? 'category=Books&' : '';
        for (const cursor of forgedCursors(realCursors.get(route.path) ?? null)) {
          requests.push({
            method: 'GET',
            path: `${route.path}?${extra}cursor=${encodeURIComponent(cursor)}`,
            forgedCursor: true,
          });
        }
      }
      for (const [identity, headers] of identities) {
        await inBatches(requests, 8, async (sent) => {
          const answer = await send({ ...sent, headers: { ...headers, ...sent.headers } });
          expectSafe(sent, answer, identity);
          // A forged cursor on a list route is refused, naming the cursor, as soon as the caller may list
          // (431: a cursor too long for the gateway's request line never reaches a service).
          if (sent.forgedCursor && ![401, 403, 431].includes(answer.status)) {
            expect([sent.path.slice(0, 80), answer.status, JSON.parse(answer.text).error.details[0]?.field]).toEqual([
              sent.path.slice(0, 80),
              400,
              'cursor',
            ]);
          }
        });
      }
    },
    300_000, // ~60 requests per route; slow only on a busy machine
  );

  it.each([
    ['POST', '/register'],
    ['POST', '/login'],
    ['POST', '/product'],
    ['PUT', `/product/${SAFE_PATH_VALUES.id}`],
    ['POST', `/product/${SAFE_PATH_VALUES.id}/image?slot=1`],
  ])(
    '%s %s answers a request with no body with 400 VALIDATION_FAILED on body',
    async (method, path) => {
      for (const body of [undefined, '', '   ']) {
        const answer = await send({ method, path, body, headers: identities[1][1] });
        expect(contractProblems({ method, path, ...answer })).toEqual([]);
        expect([answer.status, JSON.parse(answer.text)]).toEqual([
          400,
          {
            error: expect.objectContaining({
              code: 'VALIDATION_FAILED',
              details: [expect.objectContaining({ field: 'body' })],
            }),
          },
        ]);
      }
    },
    60_000,
  ); // three calls; slow only on a busy machine
});
