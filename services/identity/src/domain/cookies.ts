export const AUTH_COOKIES = ['AccessToken', 'IdToken', 'RefreshToken'] as const;
export type AuthCookie = (typeof AUTH_COOKIES)[number];

export interface CookieOptions {
  /** Set for a deployed stage whose front end lives on a sibling host; none locally. */
  domain?: string;
}

/** Every auth cookie is unreadable from scripts, https only, first-party only, site-wide. */
export function buildCookie(
  name: AuthCookie,
  value: string,
  maxAgeSeconds: number,
  options: CookieOptions = {},
): string {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'Path=/',
    ...(options.domain ? [`Domain=${options.domain}`] : []),
    'HttpOnly',
    'Secure',
    'SameSite=Strict',
  ];
  return attributes.join('; ');
}

export interface SessionCookies {
  accessToken: string;
  accessTokenMaxAge: number;
  idToken: string;
  idTokenMaxAge: number;
  /** Absent on refresh: Cognito keeps the refresh token, so its cookie is left as it is. */
  refreshToken?: string;
  refreshTokenMaxAge?: number;
}

export function sessionCookies(session: SessionCookies, options: CookieOptions = {}): string[] {
  const cookies = [
    buildCookie('AccessToken', session.accessToken, session.accessTokenMaxAge, options),
    buildCookie('IdToken', session.idToken, session.idTokenMaxAge, options),
  ];
  if (session.refreshToken && session.refreshTokenMaxAge !== undefined) {
    cookies.push(buildCookie('RefreshToken', session.refreshToken, session.refreshTokenMaxAge, options));
  }
  return cookies;
}

/** Max-Age=0 with the same attributes makes the browser drop each cookie. */
export const clearedCookies = (options: CookieOptions = {}): string[] =>
  AUTH_COOKIES.map((name) => buildCookie(name, '', 0, options));
