import { createHmac } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { type Product } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import {
  contractProblems,
  createTestUser,
  fuzzValue,
  garbageBody,
  type Hints,
  headerText,
  type RawResponse,
  type SpecOperation,
  sendRaw,
  signInDirect,
  specOperations,
  type TestUser,
  userRecord,
  validValue,
  wireValue,
} from '@estore/testkit';
import fc from 'fast-check';

/**
 * Property-based fuzzing of every operation in docs/openapi.yaml (the list comes from the spec,
 * so a new route is fuzzed the day it is documented). For each operation fast-check draws
 * requests shaped by its schemas: valid values, boundaries (empty, maximum length and one past
 * it, 0, negative, huge numbers, unicode, 10 000 characters) and mutations (wrong types, missing
 * required fields, unknown fields, malformed JSON, other content types, a body where none is
 * expected, forged tokens), sent through the gateway anonymously or as a customer, a manager or
 * an admin of the fuzz's own. Properties:
 *   - no answer is a 5xx;
 *   - every answer is one the spec allows (status, body, headers), and every 4xx is exactly
 *     `{"error": {"code", "message", "details"}}`;
 *   - a refused request (4xx) changes nothing: the state it targeted (the product, the cart, the
 *     orders, the user, the catalog) reads the same before and after.
 * The seed is fixed (FUZZ_SEED overrides it, FUZZ_RUNS the runs per route); a failure prints the
 * seed and path to replay it, and FUZZ_SHRINK=1 shrinks the counterexample.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SHRINK = process.env.FUZZ_SHRINK === '1';
jest.setTimeout(180_000);

type Role = 'anonymous' | 'customer' | 'manager' | 'admin' | 'forged';

interface Identity {
  user?: TestUser;
  headers: Record<string, string>;
}

/** One generated request, before it is sent. */
interface Case {
  role: Role;
  /** Path parameters as sent (already encoded). */
  pathValues: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
  /** Checkout only: put one of the fuzz's products in the caller's cart first. */
  fillCart?: boolean;
  /** Webhook only: sign the body as the provider would. */
  sign?: boolean;
}

const operations = specOperations();
const identities = {} as Record<Role, Identity>;
const products: Product[] = [];
const doomed: Product[] = [];
const bystanders: TestUser[] = [];
const orders: Array<{ role: Role; orderId: string; paymentIntentId: string; amount: number }> = [];
const created: string[] = [];
let refreshToken = '';
const stats = new Map<string, { runs: number; statuses: Map<number, number> }>();
const api = requireEnv('ESTORE_API_URL');
const db = createDynamoDbDocumentClient();

const send = (
  method: string,
  path: string,
  role: Role,
  extra: { headers?: Record<string, string>; body?: string } = {},
) => sendRaw({ method, path, headers: { ...identities[role].headers, ...extra.headers }, body: extra.body }, api);

function json(response: RawResponse): unknown {
  try {
    return response.text ? JSON.parse(response.text) : undefined;
  } catch {
    return response.text;
  }
}

async function createProduct(stock = 1_000_000, price = 500): Promise<Product> {
  const response = await send('POST', '/product', 'manager', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `Fuzz Item ${Math.random().toString(36).slice(2, 8)}`,
      category: 'Books',
      price,
      stock,
    }),
  });
  if (response.status !== 201) throw new Error(`fuzz setup: product ${response.status} ${response.text}`);
  return json(response) as Product;
}

async function fillCart(role: Role): Promise<void> {
  await send('POST', '/order/create', role, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ productId: products[0].id, count: 1 }] }),
  });
}

// ---- the state a request may target, read before and after it -------------------------------

/** Presigned URLs change on every read; their object key does not. */
const unsign = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null).replace(/(https?:\/\/[^"?]+)\?[^"]*/g, '$1'));

const readState = async (method: string, path: string, role: Role) => {
  const response = await send(method, path, role);
  return { status: response.status, etag: response.headers.get('etag'), body: unsign(json(response)) };
};

function bodyField(c: Case, field: string): unknown {
  try {
    const parsed = JSON.parse(c.body ?? '') as Record<string, unknown>;
    return parsed && typeof parsed === 'object' ? parsed[field] : undefined;
  } catch {
    return undefined;
  }
}

async function productsNamed(name: unknown): Promise<number> {
  if (typeof name !== 'string') return 0;
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: requireEnv('PRODUCTS_TABLE'),
        FilterExpression: '#n = :n AND SK = :sk',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':n': name, ':sk': 'PRODUCT' },
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const decode = (value: string | undefined) => {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
};
const queryValue = (c: Case, name: string) => decode(c.query.find(([key]) => key === name)?.[1]);
const ownRole = (c: Case): Role => (c.role === 'anonymous' || c.role === 'forged' ? 'customer' : c.role);

/**
 * What each operation that writes may change, read through the API or the emulators. GET
 * operations read only; every other operation must be listed, so a new one cannot skip the check.
 */
const STATE: Record<string, (c: Case) => Promise<unknown>> = {
  register: async (c) =>
    typeof bodyField(c, 'username') === 'string' ? userRecord(bodyField(c, 'username') as string) : null,
  // Signing in stores nothing; what a sign-in may touch is the user it names.
  login: async (c) =>
    typeof bodyField(c, 'identity') === 'string' ? userRecord(bodyField(c, 'identity') as string) : null,
  logout: async () => null, // answers 204 whatever comes; a 4xx would fail the contract check
  refreshSession: async () => userRecord(identities.customer.user?.username ?? ''),
  verifyEmail: async (c) => userRecord(identities[ownRole(c)].user?.username ?? ''),
  createProduct: async (c) => productsNamed(bodyField(c, 'name')),
  updateProduct: async (c) => readState('GET', `/product/${c.pathValues.id}`, 'anonymous'),
  deleteProduct: async (c) => readState('GET', `/product/${c.pathValues.id}`, 'anonymous'),
  createProductImageUpload: async (c) => readState('GET', `/product/${c.pathValues.id}`, 'anonymous'),
  deleteProductImage: async (c) => readState('GET', `/product/${c.pathValues.id}`, 'anonymous'),
  mergeCart: async (c) => readState('GET', '/order/cart', ownRole(c)),
  setCartLines: async (c) => readState('GET', '/order/cart', ownRole(c)),
  checkout: async (c) => ({
    cart: await readState('GET', '/order/cart', ownRole(c)),
    orders: await readState('GET', '/order?limit=3', ownRole(c)),
    stock: await Promise.all(products.map((p) => readState('GET', `/product/${p.id}`, 'anonymous'))),
  }),
  paymentWebhook: async () => Promise.all(orders.slice(-3).map((o) => readState('GET', `/order/${o.orderId}`, o.role))),
  addUserToGroup: async (c) => userRecord(queryValue(c, 'username')),
  removeUserFromGroup: async (c) => userRecord(queryValue(c, 'username')),
  // The order operations change the one order they name (read by an admin, who sees every order).
  cancelOwnOrder: async (c) => anyOrder(c.pathValues.orderId),
  shipOrder: async (c) => anyOrder(c.pathValues.orderId),
  deliverOrder: async (c) => anyOrder(c.pathValues.orderId),
  cancelOrder: async (c) => anyOrder(c.pathValues.orderId),
  refundOrder: async (c) => anyOrder(c.pathValues.orderId),
};

function anyOrder(orderId: unknown) {
  return typeof orderId === 'string' && /^o_[a-f0-9]{32}$/.test(orderId)
    ? readState('GET', `/orders/${orderId}`, 'admin')
    : null;
}

// ---- what to send ---------------------------------------------------------------------------

/** Valid values by field name: things that exist (the fuzz's own products, orders, users). */
function hintsFor(op: SpecOperation): Hints {
  const productIds = fc.constantFrom(...products.map((p) => p.id), 'no-such-product');
  const customer = identities.customer.user as TestUser;
  const common: Hints = {
    productId: productIds,
    country: fc.constantFrom('US', 'DE', 'GB', 'XX', 'us'),
    orderId: fc.constantFrom(...orders.map((o) => o.orderId), `o_${'0'.repeat(32)}`),
  };
  const byOperation: Record<string, Hints> = {
    login: {
      identity: fc.constantFrom(customer.username, customer.email, 'nobody_here'),
      password: fc.constantFrom(customer.password, 'wrong-password'),
    },
    deleteProduct: { id: fc.constantFrom(...doomed.map((p) => p.id), 'no-such-product') },
    getCartOrOrder: { intent: fc.constantFrom('cart', ...orders.flatMap((o) => [o.orderId, o.paymentIntentId])) },
    paymentWebhook: {
      type: fc.constantFrom(
        'payment_intent.succeeded',
        'payment_intent.payment_failed',
        'payment_intent.canceled',
        'charge.refunded',
      ),
      orderId: fc.constantFrom(...orders.map((o) => o.orderId)),
      amount: fc.constantFrom(...orders.map((o) => o.amount), 1),
      currency: fc.constantFrom('usd', 'eur'),
      id: fc.constantFrom(...orders.map((o) => o.paymentIntentId), 'evt_fuzz'),
    },
    addUserToGroup: { username: fc.constantFrom(...bystanders.map((u) => u.username), 'nobody_here') },
    removeUserFromGroup: { username: fc.constantFrom(...bystanders.map((u) => u.username), 'nobody_here') },
  };
  return { ...common, id: productIds, ...byOperation[op.operationId] };
}

/** Names the fuzz must never touch: the seeded users and its own identities. */
function untouchable(value: unknown): boolean {
  const name = typeof value === 'string' ? value.toLowerCase() : '';
  return (
    ['admin', 'user', ...Object.values(identities).map((i) => i.user?.username)].includes(name) ||
    name.startsWith('seed-')
  );
}

const RAW_SEGMENTS = ['', '%20', '..', '.', '%2F', '%00', '%F0%9F%9A%80', '%E0%A4%A', 'x'.repeat(2000)];

function caseFor(op: SpecOperation): fc.Arbitrary<Case> {
  const hints = hintsFor(op);
  const one = (schema: SpecOperation['parameters'][number]['schema'], name: string) =>
    fc.oneof(
      { arbitrary: hints[name] ?? validValue(schema), weight: 4 },
      { arbitrary: validValue(schema), weight: 1 },
      { arbitrary: fuzzValue(schema), weight: 3 },
    );
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');

  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          {
            arbitrary: one(p.schema, p.name)
              .filter((v) => !untouchable(v))
              .map(wireValue),
            weight: 8,
          },
          { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;

  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(
          one(p.schema, p.name)
            .filter((v) => !untouchable(v))
            .map((v) => [p.name, wireValue(v)] as [string, string]),
          { freq: p.required ? 10 : 2 },
        ),
      ),
      fc.array(
        fc.tuple(
          fc.constantFrom('limit', 'cursor', 'x', 'slot', '__proto__', 'a[b]'),
          fc.string({ maxLength: 20 }).map(encodeURIComponent),
        ),
        { maxLength: 2 },
      ),
    )
    .map((parts) => {
      const extra = parts.pop() as Array<[string, string]>;
      return [...(parts as Array<[string, string] | null>).filter((p): p is [string, string] => p !== null), ...extra];
    });

  const body: fc.Arbitrary<string | undefined> = op.body
    ? fc.oneof(
        { arbitrary: validValue(op.body.schema, hints).map((v) => JSON.stringify(v)), weight: 3 },
        { arbitrary: fuzzValue(op.body.schema, hints).map((v) => JSON.stringify(v)), weight: 5 },
        { arbitrary: garbageBody(validValue(op.body.schema, hints)), weight: 2 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      )
    : fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: garbageBody(), weight: 1 },
        { arbitrary: fc.constant('{}'), weight: 1 },
      );

  const contentType = fc.constantFrom(
    'application/json',
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=fuzz',
    'application/xml',
    '',
    'application/json; charset=utf-16',
  );
  const specHeaders = fc.record(
    Object.fromEntries(
      headerParams.map((p) => [
        p.name,
        fc.option(
          fc.oneof(
            {
              arbitrary:
                p.name.toLowerCase() === 'idempotency-key'
                  ? fc.uuid()
                  : fc.constantFrom('*', '"v1"', '"v2"', 'W/"v1"', '"v99999"', 't=1,v1=00'),
              weight: 3,
            },
            { arbitrary: headerText(60), weight: 2 },
            { arbitrary: fc.constant('k'.repeat(300)), weight: 1 },
          ),
          { freq: 2 },
        ),
      ]),
    ),
  );
  const extraHeaders = fc.dictionary(
    fc.constantFrom(
      'x-fuzz',
      'accept',
      'x-forwarded-for',
      'sls-offline-authorizer-override',
      'origin',
      'if-none-match',
      'x-request-id',
    ),
    fc.oneof(
      headerText(40),
      fc.constant('{"lambda":{"username":"admin","groups":"admin_group,manage_product_group"}}'),
    ),
    { maxKeys: 2 },
  );
  const roles: Role[] = op.secured
    ? ['admin', 'admin', 'admin', 'manager', 'customer', 'anonymous', 'forged']
    : ['anonymous', 'anonymous', 'customer', 'admin', 'forged'];

  return fc
    .record({
      role: fc.constantFrom(...roles),
      pathValues,
      query,
      body,
      contentType,
      specHeaders,
      extraHeaders,
      fillCart: fc.boolean(),
      sign: fc.oneof(fc.constant(true), fc.constant(false)),
    })
    .map(
      ({
        role,
        pathValues: values,
        query: q,
        body: b,
        contentType: type,
        specHeaders: sh,
        extraHeaders: eh,
        fillCart: fill,
        sign,
      }) => {
        const headers: Record<string, string> = { ...eh };
        for (const [name, value] of Object.entries(sh)) if (value !== null) headers[name] = value as string;
        if (b !== undefined && type) headers['content-type'] = type;
        return {
          role,
          pathValues: values,
          query: q,
          headers,
          body: b,
          ...(op.operationId === 'checkout' ? { fillCart: fill } : {}),
          ...(op.operationId === 'paymentWebhook' ? { sign } : {}),
        };
      },
    );
}

function pathOf(op: SpecOperation, c: Case): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => c.pathValues[name] ?? 'x');
  return c.query.length ? `${path}?${c.query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
}

/** The provider's signature (Stripe's scheme) over the body, with the local webhook secret. */
function stripeSignature(body: string): string {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', requireEnv('STRIPE_WEBHOOK_SECRET'))
    .update(`${timestamp}.${body}`)
    .digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

function errorShapeProblem(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
  const shaped =
    Object.keys(parsed ?? {}).length === 1 &&
    typeof error?.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(error.code) &&
    typeof error.message === 'string' &&
    Array.isArray(error.details) &&
    Object.keys(error).length === 3;
  return shaped ? undefined : 'not exactly {"error": {"code", "message", "details"}}';
}

/** Reads until two reads 300 ms apart agree (at most 5 s). */
async function settle(read: () => Promise<unknown>): Promise<void> {
  let last = JSON.stringify(await read());
  for (let waited = 0; waited < 5_000; waited += 300) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = JSON.stringify(await read());
    if (now === last) return;
    last = now;
  }
}

/** Different but fixed per route, so one route's runs do not depend on another's. */
function routeSeed(op: SpecOperation): number {
  let hash = SEED | 0;
  for (const char of `${op.method} ${op.path}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

async function attempt(op: SpecOperation, c: Case): Promise<void> {
  const state = op.method === 'GET' ? undefined : STATE[op.operationId];
  if (c.fillCart) await fillCart(ownRole(c));
  const path = pathOf(op, c);
  const headers = { ...c.headers };
  if (c.sign && c.body !== undefined) headers['stripe-signature'] = stripeSignature(c.body);
  const before = state ? await state(c) : undefined;
  const answer = await send(op.method, path, c.role, { headers, body: c.body });
  const seen = stats.get(op.operationId) ?? { runs: 0, statuses: new Map() };
  seen.runs += 1;
  seen.statuses.set(answer.status, (seen.statuses.get(answer.status) ?? 0) + 1);
  stats.set(op.operationId, seen);

  const where = `${c.role} ${op.method} ${path.slice(0, 160)} headers=${JSON.stringify(headers).slice(0, 200)} body=${JSON.stringify(c.body?.slice(0, 200))}`;
  if (answer.status >= 500) throw new Error(`${where}\nanswered ${answer.status}: ${answer.text.slice(0, 400)}`);
  const problems = contractProblems({ method: op.method, path, ...answer });
  if (problems.length)
    throw new Error(
      `${where}\nanswered ${answer.status}, which docs/openapi.yaml does not allow:\n  - ${problems.join('\n  - ')}`,
    );
  if (answer.status >= 400) {
    const shape = errorShapeProblem(answer.text);
    if (shape) throw new Error(`${where}\nanswered ${answer.status} ${shape}: ${answer.text.slice(0, 300)}`);
    if (state) {
      const after = await state(c);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        throw new Error(
          `${where}\nwas refused (${answer.status} ${answer.text.slice(0, 200)}) but changed what it targeted:\nbefore ${JSON.stringify(before).slice(0, 1500)}\nafter  ${JSON.stringify(after).slice(0, 1500)}`,
        );
      }
    }
    return;
  }
  // A handled payment event changes its order a moment later (through the event bus): let it
  // settle, so the next run's before and after do not straddle it.
  if (op.operationId === 'paymentWebhook' && state) await settle(() => state(c));
  // What a success created, kept for what follows and removed at the end.
  const body = json(answer) as Record<string, unknown>;
  if (op.operationId === 'createProduct' && typeof body?.id === 'string') created.push(body.id);
  if (op.operationId === 'checkout' && typeof body?.orderId === 'string') {
    orders.push({
      role: ownRole(c),
      orderId: body.orderId,
      paymentIntentId: String(body.paymentIntentId),
      amount: Number(body.amount),
    });
  }
}

describe('fuzzing every operation of docs/openapi.yaml', () => {
  const started = Date.now();

  beforeAll(async () => {
    const [customer, manager, admin] = await Promise.all([
      createTestUser({ prefix: 'fz_c_' }),
      createTestUser({ prefix: 'fz_m_', groups: ['manage_product_group'] }),
      createTestUser({ prefix: 'fz_a_', groups: ['admin_group', 'manage_product_group'] }),
    ]);
    for (const [role, user] of [
      ['customer', customer],
      ['manager', manager],
      ['admin', admin],
    ] as const) {
      const { accessToken } = await signInDirect(user.username, user.password);
      identities[role] = { user, headers: { authorization: `Bearer ${accessToken}` } };
    }
    identities.anonymous = { headers: {} };
    identities.forged = {
      headers: {
        authorization: `Bearer ${identities.admin.headers.authorization.slice(7, -8)}AAAAAAAA`,
        cookie: 'AccessToken=forged; IdToken=x',
      },
    };
    // A second session of the customer's: its refresh token may be sent (and revoked) freely.
    refreshToken = (await signInDirect(customer.username, customer.password)).refreshToken;
    identities.customer.headers.cookie = `RefreshToken=${refreshToken}`;
    bystanders.push(...(await Promise.all([createTestUser({ prefix: 'fz_b_' }), createTestUser({ prefix: 'fz_b_' })])));
    products.push(...(await Promise.all([1, 2, 3].map(() => createProduct()))));
    doomed.push(...(await Promise.all([1, 2, 3, 4, 5, 6].map(() => createProduct(5)))));
    await fillCart('customer');
    const checkout = await send('POST', '/payment/checkout', 'customer', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { address: '1 Fuzz Way', country: 'US' } }),
    });
    if (checkout.status !== 201) throw new Error(`fuzz setup: checkout ${checkout.status} ${checkout.text}`);
    const placed = json(checkout) as { orderId: string; paymentIntentId: string; amount: number };
    orders.push({ role: 'customer', ...placed });
  }, 120_000);

  afterAll(async () => {
    for (const id of [...created, ...products.map((p) => p.id), ...doomed.map((p) => p.id)])
      await send('DELETE', `/product/${encodeURIComponent(id)}`, 'admin');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const lines = [...stats].map(
      ([id, { runs, statuses }]) =>
        `  ${id.padEnd(26)} ${String(runs).padStart(3)} runs  ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}x${n}`)
          .join(' ')}`,
    );
    const total = [...stats.values()].reduce((sum, s) => sum + s.runs, 0);
    process.stdout.write(
      `\nfuzz: seed ${SEED}, ${RUNS} runs per route, ${stats.size} routes, ${total} requests in ${seconds} s\n${lines.join('\n')}\n`,
    );
  });

  it('reads the routes from the spec, and knows what every writing operation may change', () => {
    expect(operations.length).toBeGreaterThan(20);
    const writers = operations.filter((op) => op.method !== 'GET').map((op) => op.operationId);
    expect(writers.filter((id) => !STATE[id])).toEqual([]);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s: no 5xx, answers as the spec says, a refusal changes nothing',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(caseFor(op), (c) => attempt(op, c)),
        { seed: routeSeed(op), numRuns: RUNS, endOnFailure: !SHRINK },
      );
    },
  );
});
