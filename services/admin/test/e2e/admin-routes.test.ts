import { accessTokenConfigFromEnv, createAccessTokenVerifier } from '@estore/core/auth';
import { ApiClient, createTestUser, signInDirect, type TestUser, uniqueName } from '@estore/testkit';
import type { UserItem } from '../../src/domain/users';

interface Page {
  items: UserItem[];
  nextCursor: string | null;
}

// The first call to each function loads it under serverless-offline (1-3 s); later ones take milliseconds.
jest.setTimeout(30_000);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const verifier = createAccessTokenVerifier(accessTokenConfigFromEnv());

/** An API client signed in as the user, through the AccessToken cookie a browser would send. */
async function clientFor(user: { username: string; password: string }): Promise<ApiClient> {
  const api = new ApiClient();
  api.setCookie('AccessToken', (await signInDirect(user.username, user.password)).accessToken);
  return api;
}

/**
 * Through the gateway, in the store's shared user pool: other suites add users (and admins) to
 * it at the same time, so these tests look for their own users and never count a group.
 */
describe('admin routes through the gateway', () => {
  let admin: TestUser;
  let adminApi: ApiClient;

  beforeAll(async () => {
    admin = await createTestUser({ groups: ['admin_group'], prefix: 'e2e_adm_' });
    adminApi = await clientFor(admin);
  });

  it('lets an admin page through every user, each exactly once, with groups', async () => {
    const manager = await createTestUser({ groups: ['manage_product_group'], prefix: 'e2e_mgr_' });
    const customers = [await createTestUser({ prefix: 'e2e_cus_' }), await createTestUser({ prefix: 'e2e_cus_' })];
    const limit = 3; // the pool holds at least the two seeded users and the four above
    const seen = new Map<string, UserItem>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: Page } = await adminApi.get<Page>(
        `/users?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
      for (const item of response.body.items) {
        expect(seen.has(item.username)).toBe(false);
        seen.set(item.username, item);
      }
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor && pages < 500);
    expect(cursor).toBeNull();
    // Every page but the last is full, so the pages are as few as the users allow.
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBe(Math.ceil(seen.size / limit));
    expect(seen.get(manager.username)).toEqual({
      username: manager.username,
      email: manager.email,
      emailVerified: false,
      gender: 'other',
      status: 'CONFIRMED',
      enabled: true,
      groups: ['manage_product_group'],
      createdAt: expect.any(String),
    });
    for (const customer of customers) expect(seen.get(customer.username)?.groups).toEqual([]);
    expect(seen.get(admin.username)?.groups).toEqual(['admin_group']);
  });

  it('filters by group and refuses an unknown group or a tampered cursor', async () => {
    const manager = await createTestUser({ groups: ['manage_product_group'], prefix: 'e2e_mgr_' });
    const customer = await createTestUser({ prefix: 'e2e_cus_' });
    const members: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; body: Page } = await adminApi.get<Page>(
        `/users?group=manage_product_group&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.every((item) => item.groups.includes('manage_product_group'))).toBe(true);
      members.push(...response.body.items.map((item) => item.username));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(members).toContain(manager.username);
    expect(members).not.toContain(customer.username);

    const unknownGroup = await adminApi.get('/users?group=everyone');
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'group' }] } });
    const first = await adminApi.get<Page>('/users?limit=1');
    const tampered = await adminApi.get(`/users?limit=1&cursor=${first.body.nextCursor!.slice(0, -4)}AAAA`);
    expect(tampered.status).toBe(400);
  });

  it('grants a customer manage_product_group, which their next sign-in carries and lets them create a product', async () => {
    const customer = await createTestUser({ prefix: 'e2e_cus_' });
    const before = await signInDirect(customer.username, customer.password);
    const customerApi = new ApiClient();
    customerApi.setCookie('AccessToken', before.accessToken);
    const product = { name: uniqueName('Admin e2e lamp '), category: 'Home & Kitchen', price: 1999, stock: 3 };
    expect((await customerApi.post('/product', product)).status).toBe(403);

    const granted = await adminApi.post(`/user-group/manage_product_group?username=${customer.username}`);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ username: customer.username, groups: ['manage_product_group'] });

    // The token issued before the change does not carry the group; the next one does.
    expect((await verifier.verify(before.accessToken)).groups).toEqual([]);
    const after = await signInDirect(customer.username, customer.password);
    expect((await verifier.verify(after.accessToken)).groups).toEqual(['manage_product_group']);
    customerApi.setCookie('AccessToken', after.accessToken);
    const created = await customerApi.post<{ name: string }>('/product', product);
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(product.name);
  });

  it('withdraws a group: 200 with the remaining groups, and the next sign-in no longer carries it', async () => {
    const manager = await createTestUser({ groups: ['manage_product_group'], prefix: 'e2e_mgr_' });
    const response = await adminApi.delete(`/user-group/manage_product_group?username=${manager.username}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ username: manager.username, groups: [] });
    const after = await signInDirect(manager.username, manager.password);
    expect((await verifier.verify(after.accessToken)).groups).toEqual([]);
  });

  it('answers 404 for an unknown user and 400 for an unknown group or a missing username', async () => {
    const unknown = await adminApi.post(`/user-group/admin_group?username=${uniqueName('ghost_')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const badGroup = await adminApi.delete(`/user-group/root_group?username=${admin.username}`);
    expect(badGroup.status).toBe(400);
    expect(badGroup.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'groupname' }] } });
    const noUsername = await adminApi.post('/user-group/admin_group');
    expect(noUsername.status).toBe(400);
    expect(noUsername.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'username' }] } });
  });

  it('stops a demoted admin at once: their old token can no longer act as admin (the demotion race)', async () => {
    const demoted = await createTestUser({ groups: ['admin_group'], prefix: 'e2e_dem_' });
    const demotedApi = await clientFor(demoted);
    // The token keeps saying admin_group for its whole life (and the authorizer caches it).
    expect((await demotedApi.get('/users?limit=1')).status).toBe(200);

    const removal = await adminApi.delete(`/user-group/admin_group?username=${demoted.username}`);
    expect(removal.status).toBe(200);

    const regrant = await demotedApi.post(`/user-group/admin_group?username=${demoted.username}`);
    expect([regrant.status, regrant.body]).toEqual([403, { error: expect.objectContaining({ code: 'FORBIDDEN' }) }]);
    expect((await demotedApi.get('/users?limit=1')).status).toBe(403);
    expect((await demotedApi.delete(`/user-group/admin_group?username=${admin.username}`)).status).toBe(403);
    const stillOut = await adminApi.get<Page>(`/users?group=admin_group&limit=100`);
    expect(stillOut.body.items.map((item) => item.username)).not.toContain(demoted.username);
  });

  it('answers a username Cognito’s pattern would refuse with 400 naming username, not 500', async () => {
    const response = await adminApi.post(`/user-group/manage_product_group?username=${encodeURIComponent('bad name')}`);
    expect([response.status, response.body]).toEqual([
      400,
      {
        error: expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: [expect.objectContaining({ field: 'username' })],
        }),
      },
    ]);
  });

  describe('is for admins only', () => {
    let target: TestUser;
    const routes = (username: string) =>
      [
        ['GET', '/users'],
        ['POST', `/user-group/admin_group?username=${username}`],
        ['DELETE', `/user-group/manage_product_group?username=${username}`],
      ] as const;

    beforeAll(async () => {
      target = await createTestUser({ groups: ['manage_product_group'], prefix: 'e2e_tgt_' });
    });

    it('answers a manager 403 FORBIDDEN on every admin route', async () => {
      const api = await clientFor(await createTestUser({ groups: ['manage_product_group'], prefix: 'e2e_mgr_' }));
      for (const [method, path] of routes(target.username)) {
        const response = await api.request(method, path);
        expect({ method, status: response.status, body: response.body }).toEqual({
          method,
          status: 403,
          body: { error: expect.objectContaining({ code: 'FORBIDDEN' }) },
        });
      }
    });

    it('answers a customer 403 (bearer token) and an anonymous caller 401 on every admin route', async () => {
      const customer = await createTestUser({ prefix: 'e2e_cus_' });
      const token = (await signInDirect(customer.username, customer.password)).accessToken;
      const anonymous = new ApiClient();
      for (const [method, path] of routes(target.username)) {
        expect((await anonymous.request(method, path, undefined, bearer(token))).status).toBe(403);
        const response = await anonymous.request(method, path);
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      }
    });

    it('left the target’s groups untouched', async () => {
      const after = await signInDirect(target.username, target.password);
      expect((await verifier.verify(after.accessToken)).groups).toEqual(['manage_product_group']);
    });
  });

  it('acceptance: the seeded admin grants a newly registered customer manage_product_group; once they log in again they create a product; the seeded manager gets 403', async () => {
    const seededAdmin = new ApiClient();
    expect((await seededAdmin.post('/login', { identity: 'admin', password: '123456' })).status).toBe(200);
    const firstPage = await seededAdmin.get<Page>('/users?limit=2');
    expect(firstPage.status).toBe(200);
    expect(
      (await seededAdmin.get<Page>(`/users?limit=2&cursor=${encodeURIComponent(firstPage.body.nextCursor!)}`)).status,
    ).toBe(200);

    const shopper = new ApiClient();
    const username = uniqueName('e2e_reg_');
    const registered = await shopper.post('/register', {
      username,
      email: `${username}@example.test`,
      password: 'secret123',
      gender: 'female',
    });
    expect(registered.status).toBe(201);
    const product = () => ({ name: uniqueName('Registered lamp '), category: 'Home & Kitchen', price: 2500, stock: 1 });
    expect((await shopper.post('/product', product())).status).toBe(403);

    const granted = await seededAdmin.post(`/user-group/manage_product_group?username=${username}`);
    expect(granted.body).toEqual({ username, groups: ['manage_product_group'] });
    // The session from registration still holds the old groups; logging in again brings the new one.
    expect((await shopper.post('/product', product())).status).toBe(403);
    expect((await shopper.post('/login', { identity: username, password: 'secret123' })).status).toBe(200);
    expect((await shopper.post('/product', product())).status).toBe(201);

    const seededManager = new ApiClient();
    expect((await seededManager.post('/login', { identity: 'user', password: '123456' })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/users'],
      ['POST', `/user-group/admin_group?username=${username}`],
      ['DELETE', `/user-group/manage_product_group?username=${username}`],
    ] as const) {
      expect((await seededManager.request(method, path)).status).toBe(403);
    }
  });
});
