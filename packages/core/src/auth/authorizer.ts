import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { parseCookies } from '../http/cookies';
import { type AuthorizerContext, type Principal, principalToContext } from '../http/principal';
import { logger } from '../logger';
import { type AccessTokenVerifier, JwksUnavailableError } from './access-token';

export interface SimpleAuthorizerResult {
  isAuthorized: boolean;
  context: AuthorizerContext;
}

/** The access token from `Authorization: Bearer ...`, else from the `AccessToken` cookie. */
export function extractAccessToken(
  event: Pick<APIGatewayRequestAuthorizerEventV2, 'headers' | 'cookies'>,
): string | undefined {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (bearer) return bearer[1];
  return parseCookies([...(event.cookies ?? []), headers.cookie]).AccessToken || undefined;
}

interface CachedPrincipal {
  principal: Principal;
  expiresAt: number;
}

const CACHE_LIMIT = 1000;
const CACHE_TTL_MS = 5 * 60 * 1000;

/**
 * The REQUEST authorizer every protected route uses. It never denies: API Gateway would answer
 * a denial with its own body, not the contract's, so it hands the route a principal or nothing
 * and the shared HTTP wrapper answers 401/403 in the contract's shape. Verified tokens are
 * cached per container for a few minutes (never past their own expiry).
 */
export function createAuthorizer(verifier: AccessTokenVerifier, now: () => number = Date.now) {
  const cache = new Map<string, CachedPrincipal>();
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<SimpleAuthorizerResult> => {
    const token = extractAccessToken(event);
    if (!token) return { isAuthorized: true, context: {} };
    const cached = cache.get(token);
    if (cached && cached.expiresAt > now())
      return { isAuthorized: true, context: principalToContext(cached.principal) };
    try {
      const principal = await verifier.verify(token);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(token, { principal, expiresAt: Math.min(now() + CACHE_TTL_MS, tokenExpiry(token)) });
      return { isAuthorized: true, context: principalToContext(principal) };
    } catch (error) {
      if (error instanceof JwksUnavailableError) {
        // Neither good nor bad: the route answers 500 instead of 401; nothing is cached.
        logger.error('access token not checked: the JWKS is unavailable', { error });
        return { isAuthorized: true, context: { tokenUnchecked: 'true' } };
      }
      logger.info('rejected access token', { reason: (error as Error).message });
      return { isAuthorized: true, context: {} };
    }
  };
}

function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
