/**
 * Reads claims from a token this service has just received from Cognito over TLS. It is not a
 * verification: tokens arriving from clients go through the authorizer instead.
 */
export interface IssuedTokenClaims {
  username: string;
  groups: string[];
  /** Expiry, epoch seconds. */
  exp: number;
}

export function readIssuedToken(token: string): IssuedTokenClaims {
  const part = token.split('.')[1];
  if (!part) throw new Error('Not a JWT');
  const payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  const username = payload.username ?? payload['cognito:username'];
  if (typeof username !== 'string' || typeof payload.exp !== 'number') throw new Error('Token lacks username or exp');
  const groups = Array.isArray(payload['cognito:groups'])
    ? payload['cognito:groups'].filter((g): g is string => typeof g === 'string')
    : [];
  return { username, groups, exp: payload.exp };
}

/** Seconds a token has left, the Max-Age of the cookie that carries it. */
export const secondsLeft = (token: string, nowMs: number): number =>
  Math.max(0, readIssuedToken(token).exp - Math.floor(nowMs / 1000));
