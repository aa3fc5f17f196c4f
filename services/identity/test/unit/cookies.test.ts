import { buildCookie, clearedCookies, sessionCookies } from '../../src/domain/cookies';

describe('auth cookies', () => {
  it('are HttpOnly, Secure, SameSite=Strict, site-wide, host-only when no domain is configured', () => {
    const cookie = buildCookie('AccessToken', 'abc', 3600);
    expect(cookie).toBe('AccessToken=abc; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Strict');
  });

  it('carry the configured domain', () => {
    expect(buildCookie('IdToken', 'abc', 10, { domain: 'example.com' })).toContain('; Domain=example.com;');
  });

  it('live as long as each token', () => {
    const cookies = sessionCookies({
      accessToken: 'a',
      accessTokenMaxAge: 3600,
      idToken: 'i',
      idTokenMaxAge: 1800,
      refreshToken: 'r',
      refreshTokenMaxAge: 2592000,
    });
    expect(cookies).toEqual([
      expect.stringMatching(/^AccessToken=a; Max-Age=3600;/),
      expect.stringMatching(/^IdToken=i; Max-Age=1800;/),
      expect.stringMatching(/^RefreshToken=r; Max-Age=2592000;/),
    ]);
  });

  it('leave the refresh cookie alone when no new refresh token was issued', () => {
    const cookies = sessionCookies({ accessToken: 'a', accessTokenMaxAge: 1, idToken: 'i', idTokenMaxAge: 1 });
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken']);
  });

  it('are cleared with Max-Age=0 and the same attributes', () => {
    expect(clearedCookies({ domain: 'example.com' })).toEqual(
      ['AccessToken', 'IdToken', 'RefreshToken'].map(
        (name) => `${name}=; Max-Age=0; Path=/; Domain=example.com; HttpOnly; Secure; SameSite=Strict`,
      ),
    );
  });

  it('encode values that would break the header', () => {
    expect(buildCookie('AccessToken', 'a;b', 1)).toMatch(/^AccessToken=a%3Bb;/);
  });
});
