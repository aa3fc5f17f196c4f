import type { HttpEvent } from '@estore/core/http';
import type { Context } from 'aws-lambda';
import { getAuth } from '../../src/handlers/get-auth';
import { loginUser } from '../../src/handlers/login-user';
import { logoutUser } from '../../src/handlers/logout-user';
import { refreshSession } from '../../src/handlers/refresh-session';
import { registerUser } from '../../src/handlers/register-user';
import { verifyEmail } from '../../src/handlers/verify-email';
import { FakeWorld } from './fakes';

// Each handler is built over the real use cases and in-memory repositories (no AWS): one world, so
// a user registered or signed in through one route is known to the others.
const world = new FakeWorld();
const { registration, signIn, sessions, verification } = world.useCases();
const register = registerUser({ registration, passwordMinLength: 6 });
const login = loginUser({ signIn });
const logout = logoutUser({ sessions });
const refresh = refreshSession({ sessions });
const currentUser = getAuth({ sessions });
const verify = verifyEmail({ verification });
const context = { awsRequestId: 'req-1' } as Context;

function event(options: { body?: unknown; cookies?: string[]; username?: string; groups?: string } = {}): HttpEvent {
  return {
    rawPath: '/',
    headers: {},
    cookies: options.cookies,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'POST' },
      authorizer: options.username
        ? { lambda: { username: options.username, groups: options.groups ?? '' } }
        : undefined,
    },
  } as unknown as HttpEvent;
}

const json = (result: { body?: string }) => JSON.parse(result.body || 'null');
const cookieNames = (result: { cookies?: string[] }) => (result.cookies ?? []).map((c) => c.split('=')[0]);
let counter = 0;
const fresh = () => `hjane${(counter += 1)}`;

describe('identity handlers', () => {
  it('POST /register answers 201 {user}, sets the three cookies and never puts a token in the body', async () => {
    const username = fresh();
    const result = await register(
      event({ body: { username, email: `${username}@example.test`, password: 'secret1', gender: 'other' } }),
      context,
    );
    expect(result.statusCode).toBe(201);
    expect(Object.keys(json(result))).toEqual(['user']);
    expect(json(result).user).toMatchObject({ username, emailVerified: false, admin: false, manageProducts: false });
    expect(cookieNames(result)).toEqual(['AccessToken', 'IdToken', 'RefreshToken']);
    expect(result.body).not.toMatch(/eyJ|refresh-/);
  });

  it('POST /register answers 400 VALIDATION_FAILED naming each bad field', async () => {
    const result = await register(
      event({ body: { username: 'x', email: 'nope', password: '1', gender: 'robot' } }),
      context,
    );
    expect(result.statusCode).toBe(400);
    expect(json(result).error.code).toBe('VALIDATION_FAILED');
    expect([...new Set(json(result).error.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'email',
      'gender',
      'password',
      'username',
    ]);
  });

  it('POST /register answers 409 USERNAME_TAKEN and EMAIL_TAKEN', async () => {
    const username = fresh();
    const body = { username, email: `${username}@example.test`, password: 'secret1', gender: 'male' };
    await register(event({ body }), context);
    expect(json(await register(event({ body: { ...body, email: 'x@example.test' } }), context)).error.code).toBe(
      'USERNAME_TAKEN',
    );
    const again = await register(event({ body: { ...body, username: fresh() } }), context);
    expect([again.statusCode, json(again).error.code]).toEqual([409, 'EMAIL_TAKEN']);
  });

  it('POST /login answers 200 {user} with cookies, and the same 401 for unknown users and wrong passwords', async () => {
    world.addUser({ username: 'hlogin', password: 'secret1' });
    const good = await login(event({ body: { identity: 'hlogin', password: 'secret1' } }), context);
    expect([good.statusCode, cookieNames(good)]).toEqual([200, ['AccessToken', 'IdToken', 'RefreshToken']]);
    const wrong = await login(event({ body: { identity: 'hlogin', password: 'nope!!' } }), context);
    const unknown = await login(event({ body: { identity: 'hnobody', password: 'secret1' } }), context);
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong).error).toEqual({ ...json(unknown).error });
    expect(json(wrong).error.code).toBe('INVALID_CREDENTIALS');
  });

  it('POST /logout answers 204 and clears the cookies, signed in or not', async () => {
    const result = await logout(event(), context);
    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
    expect(result.cookies).toHaveLength(3);
    expect(result.cookies!.every((c) => /=; Max-Age=0;/.test(c))).toBe(true);
  });

  it('POST /refresh answers 401 without a refresh cookie and 200 with fresh token cookies with one', async () => {
    expect((await refresh(event(), context)).statusCode).toBe(401);
    world.addUser({ username: 'hrefresh', password: 'secret1' });
    const signedIn = await login(event({ body: { identity: 'hrefresh', password: 'secret1' } }), context);
    const refreshCookie = signedIn.cookies!.find((c) => c.startsWith('RefreshToken='))!.split(';')[0];
    const result = await refresh(event({ cookies: [refreshCookie] }), context);
    expect([result.statusCode, cookieNames(result)]).toEqual([200, ['AccessToken', 'IdToken']]);
    expect(json(result).user.username).toBe('hrefresh');
  });

  it('GET /auth answers 401 without a principal and the profile with one', async () => {
    expect((await currentUser(event(), context)).statusCode).toBe(401);
    world.addUser({ username: 'hauth', gender: 'male' });
    const result = await currentUser(event({ username: 'hauth', groups: 'manage_product_group' }), context);
    expect(json(result)).toEqual({
      username: 'hauth',
      email: 'hauth@example.test',
      emailVerified: false,
      gender: 'male',
      groups: ['manage_product_group'],
      admin: false,
      manageProducts: true,
    });
  });

  it('POST /verify answers 401 when signed out, 202 {sent:true} without a body, 200 with the right code', async () => {
    expect((await verify(event(), context)).statusCode).toBe(401);
    world.addUser({ username: 'hverify' });
    const sent = await verify(event({ username: 'hverify' }), context);
    expect([sent.statusCode, json(sent)]).toEqual([202, { sent: true }]);
    const again = await verify(event({ username: 'hverify' }), context);
    expect([again.statusCode, json(again).error.code]).toEqual([429, 'RATE_LIMITED']);
    const done = await verify(event({ username: 'hverify', body: { code: world.lastCode() } }), context);
    expect([done.statusCode, json(done)]).toEqual([200, { emailVerified: true }]);
  });

  it('POST /verify answers 400 for a malformed code', async () => {
    const result = await verify(event({ username: 'hverify', body: { code: '12' } }), context);
    expect([result.statusCode, json(result).error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
