import { createSign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, createTestUser, signInDirect } from '@estore/testkit';
import { parse } from 'yaml';

/**
 * Every route of every service that is wired to the shared authorizer, read from the
 * serverless.yml files (the same source the gateway routes from), so a new protected route is
 * covered without touching this test.
 */
interface Route {
  service: string;
  method: string;
  path: string;
}

const servicesDir = join(__dirname, '../../..');
type Yml = {
  functions?: Record<string, { events?: Array<{ httpApi?: { method: string; path: string; authorizer?: unknown } }> }>;
};

const protectedRoutes: Route[] = readdirSync(servicesDir)
  .filter((service) => existsSync(join(servicesDir, service, 'serverless.yml')))
  .flatMap((service) => {
    const yml = parse(readFileSync(join(servicesDir, service, 'serverless.yml'), 'utf8'), {
      logLevel: 'silent',
    }) as Yml;
    return Object.values(yml.functions ?? {}).flatMap((fn) =>
      (fn.events ?? []).flatMap((event) =>
        event.httpApi?.authorizer
          ? [
              {
                service,
                method: event.httpApi.method.toUpperCase(),
                path: event.httpApi.path.replace(/\{[^}]+\}/g, 'x'),
              },
            ]
          : [],
      ),
    );
  });

/** Re-signs a genuine token with cognito-local's fixed key after changing its claims. */
function resign(token: string, changes: Record<string, unknown>): string {
  const [header, payload] = token.split('.');
  const body = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...changes })).toString('base64url')}`;
  const { pem } = JSON.parse(
    readFileSync(join(process.cwd(), 'node_modules/cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8'),
  ) as { pem: string };
  return `${body}.${createSign('RSA-SHA256').update(body).sign(pem, 'base64url')}`;
}

// Every protected route's first call may include its cold start under serverless-offline.
jest.setTimeout(180_000);

describe('every protected route of every service', () => {
  let genuine: string;
  let tokens: Record<string, string | undefined>;

  beforeAll(async () => {
    const admin = await createTestUser({ groups: ['admin_group', 'manage_product_group'], prefix: 'guard_' });
    genuine = (await signInDirect(admin.username, admin.password)).accessToken;
    const [header, payload, signature] = genuine.split('.');
    const now = Math.floor(Date.now() / 1000);
    tokens = {
      missing: undefined,
      // The payload changed under the original signature.
      forged: `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), username: 'admin' })).toString('base64url')}.${signature}`,
      expired: resign(genuine, { exp: now - 60, iat: now - 3660 }),
      'for another client': resign(genuine, { client_id: 'someone-else' }),
      'an id token': (await signInDirect(admin.username, admin.password)).idToken,
    };
  });

  it('are found in the service definitions', () => {
    expect(protectedRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /auth', 'POST /verify']),
    );
  });

  it('answer 401 UNAUTHENTICATED to a missing, forged, expired, foreign or wrong-kind token, as cookie and as Bearer', async () => {
    // One request at a time: serverless-offline shares state between concurrent invocations of a
    // function (an anonymous call was seen answered as signed in), which AWS never does.
    const failures: string[] = [];
    for (const route of protectedRoutes) {
      for (const [kind, token] of Object.entries(tokens)) {
        for (const transport of token ? ['cookie', 'bearer'] : ['none']) {
          const api = new ApiClient();
          if (transport === 'cookie') api.setCookie('AccessToken', token!);
          const headers: Record<string, string> = transport === 'bearer' ? { authorization: `Bearer ${token}` } : {};
          const response = await api.request<{ error?: { code: string } }>(
            route.method,
            route.path,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
            headers,
          );
          if (response.status !== 401 || response.body?.error?.code !== 'UNAUTHENTICATED') {
            failures.push(
              `${route.method} ${route.path} (${route.service}) with ${kind} token via ${transport}: ${response.status}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('let the genuine token through (the control: the 401s above are the tokens’ doing)', async () => {
    const failures: string[] = [];
    for (const route of protectedRoutes) {
      const response = await new ApiClient().request(
        route.method,
        route.path,
        route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        {
          authorization: `Bearer ${genuine}`,
        },
      );
      if (response.status === 401) failures.push(`${route.method} ${route.path} (${route.service})`);
    }
    expect(failures).toEqual([]);
  });
});
