import type { Registration } from '../../src/registration';
import type { Sessions } from '../../src/sessions';
import { errorOf, FakeWorld, fakeJwt } from './fakes';

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };
const client = { sourceIp: '203.0.113.7' };

describe('identity use cases', () => {
  let world: FakeWorld;
  let registrations: Registration;
  let sessions: Sessions;

  beforeEach(() => {
    world = new FakeWorld();
    ({ registration: registrations, sessions } = world.useCases());
  });

  describe('refresh and logout', () => {
    it('refreshes access and id tokens from the refresh cookie, keeping the refresh cookie', async () => {
      await registrations.register(registration, client);
      const refreshToken = [...world.refreshTokens.keys()][0];
      const session = await sessions.refresh(refreshToken);
      expect(session.cookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken']);
    });

    it('refuses a missing or unknown refresh token with 401', async () => {
      await expect(errorOf(sessions.refresh(undefined))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      await expect(errorOf(sessions.refresh('forged'))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('revokes the refresh token on logout, so it cannot refresh again', async () => {
      await registrations.register(registration, client);
      const refreshToken = [...world.refreshTokens.keys()][0];
      const cookies = await sessions.logout(refreshToken);
      expect(cookies.every((c) => c.includes('Max-Age=0'))).toBe(true);
      await expect(errorOf(sessions.refresh(refreshToken))).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('refuses to refresh the session of a user deleted meanwhile', async () => {
      await registrations.register(registration, client);
      const refreshToken = [...world.refreshTokens.keys()][0];
      world.users.delete('jane');
      const parts = world.parts();
      parts.users.refresh = async () => ({
        accessToken: fakeJwt({ username: 'jane', exp: 9_999_999_999 }),
        idToken: fakeJwt({ exp: 9_999_999_999 }),
      });
      await expect(errorOf(world.useCases(parts).sessions.refresh(refreshToken))).resolves.toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    });

    it('clears the cookies even when revocation fails', async () => {
      world.failRevokeWith = new Error('unsupported');
      await expect(sessions.logout('whatever')).resolves.toHaveLength(3);
    });
  });
});
