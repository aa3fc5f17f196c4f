import { UnauthorizedError } from '@estore/core/errors';
import { type CookieOptions, sessionCookies } from './domain/cookies';
import { readIssuedToken, secondsLeft } from './domain/tokens';
import { toUserView, type UserView } from './domain/user';
import type { IssuedTokens, UserPoolRepository } from './repositories/user-pool';

/** What a sign-in, a registration or a refresh answers: the user, and the cookies that carry the tokens. */
export interface Session {
  user: UserView;
  cookies: string[];
}

export interface SessionCookieOptions extends CookieOptions {
  refreshTokenMaxAgeSeconds: number;
}

/** Milliseconds since the epoch; tests move it to expire codes and open rate windows. */
export type Clock = () => number;

export const epochSeconds = (now: Clock): number => Math.floor(now() / 1000);

/** What turning fresh tokens into a session needs: shared by sign-in, registration and refresh. */
export interface SessionParts {
  users: Pick<UserPoolRepository, 'profile'>;
  cookies: SessionCookieOptions;
  now: Clock;
}

export const userGone = () => new UnauthorizedError('The user no longer exists');

/** The user behind the tokens, as the pool has them now, and one cookie per token, living as long as it. */
export async function openSession(tokens: IssuedTokens, { users, cookies, now }: SessionParts): Promise<Session> {
  const claims = readIssuedToken(tokens.accessToken);
  const profile = await users.profile(claims.username);
  // Deleted between sign-in (or the refresh token's issue) and now: no session.
  if (!profile) throw userGone();
  const nowMs = now();
  const setCookies = sessionCookies(
    {
      accessToken: tokens.accessToken,
      accessTokenMaxAge: secondsLeft(tokens.accessToken, nowMs),
      idToken: tokens.idToken,
      idTokenMaxAge: secondsLeft(tokens.idToken, nowMs),
      refreshToken: tokens.refreshToken,
      refreshTokenMaxAge: cookies.refreshTokenMaxAgeSeconds,
    },
    cookies,
  );
  return { user: toUserView(profile, claims.groups), cookies: setCookies };
}
