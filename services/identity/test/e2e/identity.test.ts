import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, uniqueName, verificationCodeIn, waitForEmail } from '@estore/testkit';

interface User {
  username: string;
  email: string;
  emailVerified: boolean;
  gender: string | null;
  groups: string[];
  admin: boolean;
  manageProducts: boolean;
}

function newRegistration() {
  const username = uniqueName('e2e_');
  return { username, email: `${username}@example.test`, password: 'secret1', gender: 'female' };
}

async function registered(): Promise<{ api: ApiClient; input: ReturnType<typeof newRegistration> }> {
  const api = new ApiClient();
  const input = newRegistration();
  const response = await api.post('/register', input);
  expect(response.status).toBe(201);
  return { api, input };
}

/**
 * An access token signed with cognito-local's own (published, fixed) key, so everything about it
 * is valid except what the test changes: here, its expiry.
 */
function resign(token: string, changes: Record<string, unknown>): string {
  const [header, payload] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...changes };
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const { pem } = JSON.parse(
    readFileSync(join(process.cwd(), 'node_modules/cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8'),
  ) as { pem: string };
  return `${body}.${createSign('RSA-SHA256').update(body).sign(pem, 'base64url')}`;
}

// The first call of each function through serverless-offline includes its cold start.
jest.setTimeout(30_000);

describe('identity through the gateway, as a browser would use it', () => {
  it('registers, verifies the email with the emailed code, refreshes and logs out', async () => {
    const { api, input } = await registered();
    expect(api.cookie('AccessToken')).toBeTruthy();

    const code = verificationCodeIn(await waitForEmail(input.email));
    const verified = await api.post('/verify', { code });
    expect([verified.status, verified.body]).toEqual([200, { emailVerified: true }]);

    const me = await api.get<User>('/auth');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      username: input.username,
      email: input.email,
      emailVerified: true,
      gender: 'female',
      groups: [],
      admin: false,
      manageProducts: false,
    });

    const oldAccessToken = api.cookie('AccessToken');
    const refreshToken = api.cookie('RefreshToken')!;
    const refreshed = await api.post<{ user: User }>('/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user).toMatchObject({ username: input.username, emailVerified: true });
    expect(refreshed.setCookies.map((c) => c.split('=')[0]).sort()).toEqual(['AccessToken', 'IdToken']);
    expect(api.cookie('AccessToken')).toBeTruthy();
    expect(typeof oldAccessToken).toBe('string');

    const loggedOut = await api.post('/logout');
    expect(loggedOut.status).toBe(204);
    expect(loggedOut.setCookies).toHaveLength(3);
    for (const cookie of loggedOut.setCookies)
      expect(cookie).toMatch(/^(AccessToken|IdToken|RefreshToken)=; Max-Age=0; Path=\//);
    expect(api.cookie('AccessToken')).toBeUndefined();
    expect((await api.get('/auth')).status).toBe(401);
    expect((await api.post('/refresh')).status).toBe(401);

    // The refresh token was revoked, not only forgotten by the browser.
    api.setCookie('RefreshToken', refreshToken);
    const replay = await api.post<{ error: { code: string } }>('/refresh');
    expect([replay.status, replay.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('sets the auth cookies HttpOnly, Secure, SameSite=Strict, Path=/ and keeps tokens out of the body', async () => {
    const api = new ApiClient();
    const response = await api.post<{ user: User }>('/register', newRegistration());
    expect(response.setCookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken', 'RefreshToken']);
    for (const cookie of response.setCookies) {
      expect(cookie).toMatch(/; Max-Age=[1-9]\d*;/);
      expect(cookie).toMatch(/; Path=\/;/);
      expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    }
    expect(Object.keys(response.body)).toEqual(['user']);
    expect(JSON.stringify(response.body)).not.toContain(api.cookie('AccessToken')!.slice(0, 20));
  });

  it('refuses duplicates with 409 and bad input with 400', async () => {
    const { input } = await registered();
    const api = new ApiClient();
    const byName = await api.post<{ error: { code: string } }>('/register', {
      ...newRegistration(),
      username: input.username,
    });
    const byEmail = await api.post<{ error: { code: string } }>('/register', {
      ...newRegistration(),
      email: input.email.toUpperCase(),
    });
    expect([byName.status, byName.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    expect([byEmail.status, byEmail.body.error.code]).toEqual([409, 'EMAIL_TAKEN']);
    const bad = await api.post<{ error: { code: string } }>('/register', { ...newRegistration(), password: '12345' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(api.cookie('AccessToken')).toBeUndefined();
  });

  it('logs in by username or email, and answers every wrong combination with the same 401', async () => {
    const { input } = await registered();
    const api = new ApiClient();
    expect((await api.post('/login', { identity: input.email, password: input.password })).status).toBe(200);
    expect((await api.post('/login', { identity: input.username, password: input.password })).status).toBe(200);
    const wrong = await new ApiClient().post('/login', { identity: input.username, password: 'not-it' });
    const unknown = await new ApiClient().post('/login', { identity: uniqueName('nobody'), password: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String), details: [] } });
  });

  it('rate-limits verification emails (429) and refuses a wrong code (400)', async () => {
    const { api, input } = await registered();
    const code = verificationCodeIn(await waitForEmail(input.email));
    const resend = await api.post<{ error: { code: string } }>('/verify');
    expect([resend.status, resend.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    const wrong = await api.post<{ error: { code: string } }>('/verify', {
      code: code === '000000' ? '000001' : '000000',
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'CODE_MISMATCH']);
    expect((await api.get<User>('/auth')).body.emailVerified).toBe(false);
  });

  it.each([
    ['admin', ['admin_group', 'manage_order_group', 'manage_product_group'], true],
    ['user', ['manage_product_group'], false],
  ])('signs in the seeded %s with password 123456 and the right groups', async (username, groups, admin) => {
    const api = new ApiClient();
    const login = await api.post<{ user: User }>('/login', { identity: username, password: '123456' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username, groups, admin, manageProducts: true, emailVerified: true });
    const me = await api.get<User>('/auth');
    expect(me.body).toMatchObject({ username, groups, admin, manageProducts: true });
    expect(
      (await new ApiClient().post('/login', { identity: `${username}@estore.local`, password: '123456' })).status,
    ).toBe(200);
  });

  describe('protected identity routes refuse a bad token with 401', () => {
    let token: string;
    beforeAll(async () => {
      const { api } = await registered();
      token = api.cookie('AccessToken')!;
    });

    const forged = () => {
      const [header, payload, signature] = token.split('.');
      const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), 'cognito:groups': ['admin_group'] };
      return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    };
    const expired = () =>
      resign(token, { exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 3660 });

    it('accepts the genuine token as cookie and as Bearer (the control)', async () => {
      const api = new ApiClient();
      api.setCookie('AccessToken', token);
      expect((await api.get('/auth')).status).toBe(200);
      expect((await new ApiClient().get('/auth', { authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await new ApiClient().get('/auth', { authorization: `Bearer ${resign(token, {})}` })).status).toBe(200);
    });

    it.each([
      ['missing', () => undefined],
      ['forged', forged],
      ['expired', expired],
      ['garbage', () => 'not.a.jwt'],
    ])('%s token', async (_name, make) => {
      const value = make();
      for (const transport of ['cookie', 'bearer'] as const) {
        const api = new ApiClient();
        const headers: Record<string, string> =
          value && transport === 'bearer' ? { authorization: `Bearer ${value}` } : {};
        if (value && transport === 'cookie') api.setCookie('AccessToken', value);
        const auth = await api.get<{ error: { code: string } }>('/auth', headers);
        const verify = await api.post<{ error: { code: string } }>('/verify', undefined, headers);
        expect([auth.status, auth.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
        expect([verify.status, verify.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      }
    });
  });
});
