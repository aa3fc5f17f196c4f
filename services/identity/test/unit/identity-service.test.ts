import { AppError } from '@estore/core';
import { IdentityService } from '../../src/identity-service';
import { fakeJwt, FakeWorld } from './fakes';

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };

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
      const session = await service.register(registration);
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
      expect(world.claims.get('jane@example.test')).toEqual({ username: 'jane', status: 'active' });
      expect(world.sent).toHaveLength(1);
      expect(world.sent[0].to).toBe('jane@example.test');
    });

    it('refuses a taken username with USERNAME_TAKEN and leaves the email free', async () => {
      world.addUser({ username: 'jane' });
      await expect(errorOf(service.register({ ...registration, email: 'other@example.test' }))).resolves.toEqual({ status: 409, code: 'USERNAME_TAKEN' });
      expect(world.claims.has('other@example.test')).toBe(false);
    });

    it('refuses a taken email with EMAIL_TAKEN without creating the user', async () => {
      world.claims.set('jane@example.test', { username: 'someone', status: 'active' });
      await expect(errorOf(service.register(registration))).resolves.toEqual({ status: 409, code: 'EMAIL_TAKEN' });
      expect(world.users.has('jane')).toBe(false);
    });

    it('gives the email claim back when the username is taken at sign-up (a race lost)', async () => {
      const deps = world.dependencies();
      deps.users.exists = async () => false; // the other registration lands between the check and SignUp
      world.addUser({ username: 'jane' });
      service = new IdentityService(deps);
      await expect(errorOf(service.register(registration))).resolves.toEqual({ status: 409, code: 'USERNAME_TAKEN' });
      expect(world.claims.has('jane@example.test')).toBe(false);
    });

    it('gives the email claim back when sign-up fails unexpectedly', async () => {
      world.failSignUpWith = new Error('Cognito is down');
      await expect(service.register(registration)).rejects.toThrow('Cognito is down');
      expect(world.claims.has('jane@example.test')).toBe(false);
    });

    it('still registers when the first email cannot be sent', async () => {
      const deps = world.dependencies();
      deps.mailer = { send: async () => Promise.reject(new Error('SES refused')) };
      await expect(new IdentityService(deps).register(registration)).resolves.toMatchObject({ user: { username: 'jane' } });
    });
  });

  describe('login', () => {
    beforeEach(async () => {
      await service.register(registration);
    });

    it('signs in by username or by email', async () => {
      await expect(service.login({ identity: 'jane', password: 'secret1' })).resolves.toMatchObject({ user: { username: 'jane' } });
      await expect(service.login({ identity: 'jane@example.test', password: 'secret1' })).resolves.toMatchObject({ user: { username: 'jane' } });
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
      await service.register(registration);
      const refreshToken = [...world.refreshTokens.keys()][0];
      const session = await service.refresh(refreshToken);
      expect(session.cookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken']);
    });

    it('refuses a missing or unknown refresh token with 401', async () => {
      await expect(errorOf(service.refresh(undefined))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      await expect(errorOf(service.refresh('forged'))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('revokes the refresh token on logout, so it cannot refresh again', async () => {
      await service.register(registration);
      const refreshToken = [...world.refreshTokens.keys()][0];
      const cookies = await service.logout(refreshToken);
      expect(cookies.every((c) => c.includes('Max-Age=0'))).toBe(true);
      await expect(errorOf(service.refresh(refreshToken))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('refuses to refresh the session of a user deleted meanwhile', async () => {
      await service.register(registration);
      const refreshToken = [...world.refreshTokens.keys()][0];
      world.users.delete('jane');
      const deps = world.dependencies();
      deps.users.refresh = async () => ({ accessToken: fakeJwt({ username: 'jane', exp: 9_999_999_999 }), idToken: fakeJwt({ exp: 9_999_999_999 }) });
      await expect(errorOf(new IdentityService(deps).refresh(refreshToken))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('clears the cookies even when revocation fails', async () => {
      world.failRevokeWith = new Error('unsupported');
      await expect(service.logout('whatever')).resolves.toHaveLength(3);
    });
  });

  describe('email verification', () => {
    beforeEach(async () => {
      await service.register(registration);
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
      await expect(errorOf(service.verifyCode('jane', world.lastCode()))).resolves.toEqual({ status: 400, code: 'CODE_EXPIRED' });
      expect(world.users.get('jane')!.emailVerified).toBe(false);
    });

    it('locks the code after five wrong tries, then refuses even the right one with 429', async () => {
      await service.sendCode('jane');
      const code = world.lastCode();
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i += 1) await expect(errorOf(service.verifyCode('jane', wrong))).resolves.toEqual({ status: 400, code: 'CODE_MISMATCH' });
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
      deps.codes.saveIssued = async () => false;
      await expect(errorOf(new IdentityService(deps).sendCode('jane'))).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(world.sent).toHaveLength(1); // only the registration email
    });
  });
});
