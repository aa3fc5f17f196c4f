import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { optionalEnv, requireEnv } from '../config';
import type { Principal } from '../http/principal';

export interface AccessTokenConfig {
  issuer: string;
  clientId: string;
}

/** In AWS the issuer follows from the pool id; locally cognito-local's http issuer is given. */
export function accessTokenConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AccessTokenConfig {
  const userPoolId = requireEnv('USER_POOL_ID', env);
  const region = userPoolId.split('_')[0];
  return {
    issuer: optionalEnv('COGNITO_ISSUER', env) ?? `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    clientId: requireEnv('USER_POOL_CLIENT_ID', env),
  };
}

/**
 * How long the authorizer waits for the JWKS. Without a bound, a JWKS endpoint that hangs holds
 * every cold authorizer until its Lambda timeout; failing fast answers the request (500 on a
 * protected route, see JwksUnavailableError) and lets the next request try again.
 */
export const JWKS_TIMEOUT_MS = 3000;

/**
 * The pool's signing keys could not be fetched, so a token could not be checked either way. Not
 * the caller's fault: a protected route answers 500 (retry), never 401, which would tell a
 * client holding a good token to sign in again.
 */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** aws-jwt-verify's own fetcher refuses http; cognito-local serves its JWKS over http. */
export function createJwksFetcher(timeoutMs: number = JWKS_TIMEOUT_MS): Fetcher {
  return {
    fetch: async (uri: string) => {
      let response: Response;
      try {
        response = await fetch(uri, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new JwksUnavailableError(`JWKS request failed: ${(error as Error).message}`, { cause: error });
      }
      if (!response.ok) throw new JwksUnavailableError(`JWKS request failed with ${response.status}`);
      return response.arrayBuffer();
    },
  };
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Verifies a Cognito access token: RS256 signature against the pool's JWKS, issuer, expiry,
 * `token_use: access` and the app client id (access tokens carry `client_id`, not `aud`).
 */
export function createAccessTokenVerifier(config: AccessTokenConfig): AccessTokenVerifier {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('Not an access token');
        if (payload.client_id !== config.clientId) throw new Error('Token was issued to another client');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: createJwksFetcher() }) },
  );
  return {
    async verify(token: string): Promise<Principal> {
      const payload = await verifier.verify(token);
      const username = (payload.username ?? payload['cognito:username'] ?? payload.sub) as string | undefined;
      if (!username) throw new Error('Token names no user');
      const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
      return { username, groups };
    },
  };
}
