import { AppError } from '@estore/core/errors';
import { IdentityService } from '../../src/identity-service';
import { FakeWorld, fakeJwt } from './fakes';

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };
const client = { sourceIp: '203.0.113.7' };

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('identity use cases', () => {
  let world: FakeWorld;
  let service: IdentityService;

  beforeEach(() => {
    world = new FakeWorld();
    service = new IdentityService(world.dependencies());
  });

  describe('register', () => {
    it('creates the user, claims the email, signs in and emails the first code', async () => {
      const session = await service.register(registration, client);
      expect(session.user).toEqual({
        username: 'jane',
        email: 'jane@example.test',
        emailVerified: false,
        gender: 'female',
        groups: [],
        admin: false,
        manageProducts: false,
      });
      expect(session.cookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken', 'RefreshToken']);
      expect(world.claims.get('jane@example.test')).toMatchObject({ username: 'jane', status: 'active' });
      expect(world.sent).toHaveLength(1);
      expect(world.sent[0].to).toBe('jane@example.test');
    });

    it('refuses a taken username with USERNAME_TAKEN and leaves the email free', async () => {
      world.addUser({ username: 'jane' });
      await expect(
        errorOf(service.register({ ...registration, email: 'other@example.test' }, client)),
      ).resolves.toEqual({ status: 409, code: 'USERNAME_TAKEN' });
      expect(world.claims.has('other@example.test')).toBe(false);
    });

    it('refuses a taken email with EMAIL_TAKEN without creating the user', async () => {
      world.claims.set('jane@example.test', { username: 'someone', status: 'active' });
      await expect(errorOf(service.register(registration, client))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
      expect(world.users.has('jane')).toBe(false);
    });

    it('gives the email claim back when the username is taken at sign-up (a race lost)', async () => {
      const deps = world.dependencies();
      deps.users.exists = async () => false; // the other registration lands between the check and SignUp
      world.addUser({ username: 'jane' });
      service = new IdentityService(deps);
      await expect(errorOf(service.register(registration, client))).resolves.toEqual({
        status: 409,
        code: 'USERNAME_TAKEN',
      });
      expect(world.claims.has('jane@example.test')).toBe(false);
    });

    it('gives the email claim back when sign-up fails unexpectedly', async () => {
      world.failSignUpWith = new Error('Cognito is down');
      await expect(service.register(registration, client)).rejects.toThrow('Cognito is down');
      expect(world.claims.has('jane@example.test')).toBe(false);
    });

    it('deletes the user and releases the email when a step after the user’s creation fails', async () => {
      world.failSignInWith = new Error('Cognito is down');
      await expect(service.register(registration, client)).rejects.toThrow('Cognito is down');
      expect(world.removed).toEqual(['jane']);
      expect(world.users.has('jane')).toBe(false);
      expect(world.claims.has('jane@example.test')).toBe(false);
      world.failSignInWith = undefined;
      await expect(service.register(registration, client)).resolves.toMatchObject({ user: { username: 'jane' } });
    });

    it('claims an email once whatever its Unicode form: composed and decomposed é are one address', async () => {
      await service.register({ ...registration, email: 'Jos\u00e9@Example.TEST' }, client);
      expect([...world.claims.keys()]).toContain('jos\u00e9@example.test');
      await expect(
        errorOf(service.register({ ...registration, username: 'copycat', email: 'jose\u0301@example.test' }, client)),
      ).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
    });

    it('lets the owner register an address someone else registered but never verified, once a day has passed', async () => {
      await service.register({ ...registration, username: 'squatter' }, client);
      world.nowMs += 23 * 3600 * 1000;
      await expect(errorOf(service.register({ ...registration, username: 'owner' }, client))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
      world.nowMs += 3600 * 1000 + 1000;
      await expect(service.register({ ...registration, username: 'owner' }, client)).resolves.toMatchObject({
        user: { username: 'owner' },
      });
      // Login by email now finds the owner, and the squatter can no longer prove the address.
      await expect(
        service.login({ identity: registration.email, password: registration.password }),
      ).resolves.toMatchObject({ user: { username: 'owner' } });
      world.nowMs += 61_000;
      await service.sendCode('squatter');
      await expect(errorOf(service.verifyCode('squatter', world.lastCode()))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
    });

    it('keeps a verified address for good', async () => {
      await service.register(registration, client);
      await service.verifyCode('jane', world.lastCode());
      world.nowMs += 30 * 86400 * 1000;
      await expect(errorOf(service.register({ ...registration, username: 'late' }, client))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
    });

    it('lets a verified owner take over an unverified claim whose window is over', async () => {
      world.addUser({ username: 'owner', email: 'jane@example.test' });
      await service.register({ ...registration, username: 'squatter' }, client);
      world.nowMs += 86400 * 1000 + 61_000;
      await service.sendCode('owner');
      await service.verifyCode('owner', world.lastCode());
      expect(world.claims.get('jane@example.test')).toMatchObject({ username: 'owner', verified: true });
    });

    it('limits registrations per address: the 6th attempt within an hour is 429 RATE_LIMITED', async () => {
      await service.register(registration, client);
      for (let i = 0; i < 4; i++) {
        await expect(
          errorOf(service.register({ ...registration, username: `jane${i}` }, { sourceIp: `198.51.100.${i}` })),
        ).resolves.toEqual({ status: 409, code: 'EMAIL_TAKEN' });
      }
      await expect(
        errorOf(service.register({ ...registration, username: 'jane9' }, { sourceIp: '198.51.100.9' })),
      ).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      world.nowMs += 3600 * 1000;
      await expect(
        errorOf(service.register({ ...registration, username: 'jane9' }, { sourceIp: '198.51.100.9' })),
      ).resolves.toEqual({ status: 409, code: 'EMAIL_TAKEN' });
    });

    it('limits registrations per client (source IP), whatever the addresses', async () => {
      service = new IdentityService({
        ...world.dependencies(),
        registrationLimits: { perAddress: 5, perClient: 3, windowSeconds: 3600 },
      });
      for (let i = 0; i < 3; i++)
        await service.register({ ...registration, username: `user${i}`, email: `user${i}@example.test` }, client);
      await expect(
        errorOf(service.register({ ...registration, username: 'user3', email: 'user3@example.test' }, client)),
      ).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(world.users.has('user3')).toBe(false);
      await expect(
        service.register(
          { ...registration, username: 'user3', email: 'user3@example.test' },
          { sourceIp: '198.51.100.1' },
        ),
      ).resolves.toBeDefined();
    });

    it('still registers when the first email cannot be sent', async () => {
      const deps = world.dependencies();
      deps.mailer = { send: async () => Promise.reject(new Error('SES refused')) };
      await expect(new IdentityService(deps).register(registration, client)).resolves.toMatchObject({
        user: { username: 'jane' },
      });
    });
  });

  describe('login', () => {
    beforeEach(async () => {
      await service.register(registration, client);
    });

    it('signs in by username or by email', async () => {
      await expect(service.login({ identity: 'jane', password: 'secret1' })).resolves.toMatchObject({
        user: { username: 'jane' },
      });
      await expect(service.login({ identity: 'jane@example.test', password: 'secret1' })).resolves.toMatchObject({
        user: { username: 'jane' },
      });
    });

    it('answers an unknown user, an unknown email and a wrong password identically', async () => {
      const failures = await Promise.all([
        errorOf(service.login({ identity: 'nobody', password: 'secret1' })),
        errorOf(service.login({ identity: 'nobody@example.test', password: 'secret1' })),
        errorOf(service.login({ identity: 'jane', password: 'wrong!' })),
      ]);
      expect(failures).toEqual(Array(3).fill({ status: 401, code: 'INVALID_CREDENTIALS' }));
    });

    it('reports admin and product management from the groups in the token', async () => {
      world.addUser({ username: 'boss', groups: ['admin_group'] });
      const { user } = await service.login({ identity: 'boss', password: 'secret1' });
      expect(user).toMatchObject({ groups: ['admin_group'], admin: true, manageProducts: true });
    });
  });

  describe('refresh and logout', () => {
    it('refreshes access and id tokens from the refresh cookie, keeping the refresh cookie', async () => {
      await service.register(registration, client);
      const refreshToken = [...world.refreshTokens.keys()][0];
      const session = await service.refresh(refreshToken);
      expect(session.cookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken']);
    });

    it('refuses a missing or unknown refresh token with 401', async () => {
      await expect(errorOf(service.refresh(undefined))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      await expect(errorOf(service.refresh('forged'))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('revokes the refresh token on logout, so it cannot refresh again', async () => {
      await service.register(registration, client);
      const refreshToken = [...world.refreshTokens.keys()][0];
      const cookies = await service.logout(refreshToken);
      expect(cookies.every((c) => c.includes('Max-Age=0'))).toBe(true);
      await expect(errorOf(service.refresh(refreshToken))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('refuses to refresh the session of a user deleted meanwhile', async () => {
      await service.register(registration, client);
      const refreshToken = [...world.refreshTokens.keys()][0];
      world.users.delete('jane');
      const deps = world.dependencies();
      deps.users.refresh = async () => ({
        accessToken: fakeJwt({ username: 'jane', exp: 9_999_999_999 }),
        idToken: fakeJwt({ exp: 9_999_999_999 }),
      });
      await expect(errorOf(new IdentityService(deps).refresh(refreshToken))).resolves.toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    });

    it('clears the cookies even when revocation fails', async () => {
      world.failRevokeWith = new Error('unsupported');
      await expect(service.logout('whatever')).resolves.toHaveLength(3);
    });
  });

  describe('email verification', () => {
    beforeEach(async () => {
      await service.register(registration, client);
      world.nowMs += 61_000;
    });

    it('marks the email verified with the emailed code, once', async () => {
      await service.sendCode('jane');
      const code = world.lastCode();
      await service.verifyCode('jane', code);
      expect(world.users.get('jane')!.emailVerified).toBe(true);
      await expect(errorOf(service.verifyCode('jane', code))).resolves.toEqual({ status: 400, code: 'CODE_EXPIRED' });
    });

    it('refuses a wrong code with CODE_MISMATCH', async () => {
      await service.sendCode('jane');
      const wrong = world.lastCode() === '000000' ? '000001' : '000000';
      await expect(errorOf(service.verifyCode('jane', wrong))).resolves.toEqual({ status: 400, code: 'CODE_MISMATCH' });
    });

    it('refuses an expired code with CODE_EXPIRED', async () => {
      await service.sendCode('jane');
      world.nowMs += 15 * 60 * 1000;
      await expect(errorOf(service.verifyCode('jane', world.lastCode()))).resolves.toEqual({
        status: 400,
        code: 'CODE_EXPIRED',
      });
      expect(world.users.get('jane')!.emailVerified).toBe(false);
    });

    it('locks the code after five wrong tries, then refuses even the right one with 429', async () => {
      await service.sendCode('jane');
      const code = world.lastCode();
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i += 1)
        await expect(errorOf(service.verifyCode('jane', wrong))).resolves.toEqual({
          status: 400,
          code: 'CODE_MISMATCH',
        });
      await expect(errorOf(service.verifyCode('jane', code))).resolves.toEqual({ status: 429, code: 'CODE_LOCKED' });
      expect(world.users.get('jane')!.emailVerified).toBe(false);
    });

    it('rate-limits sends: one a minute', async () => {
      await service.sendCode('jane');
      await expect(errorOf(service.sendCode('jane'))).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      world.nowMs += 60_000;
      await expect(service.sendCode('jane')).resolves.toBeUndefined();
    });

    it('treats a send that lost the conditional write to a concurrent one as rate limited', async () => {
      const deps = world.dependencies();
      deps.codes!.saveIssued = async () => false;
      await expect(errorOf(new IdentityService(deps).sendCode('jane'))).resolves.toEqual({
        status: 429,
        code: 'RATE_LIMITED',
      });
      expect(world.sent).toHaveLength(1); // only the registration email
    });
  });
});
