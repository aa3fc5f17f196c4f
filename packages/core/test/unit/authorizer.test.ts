import {
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  createAuthorizer,
  extractAccessToken,
  JwksUnavailableError,
} from '@estore/core/auth';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const event = (headers: Record<string, string>, cookies?: string[]) =>
  ({ headers, cookies }) as unknown as APIGatewayRequestAuthorizerEventV2;

describe('extractAccessToken', () => {
  it('prefers the Authorization bearer token', () => {
    expect(extractAccessToken(event({ Authorization: 'Bearer abc' }, ['AccessToken=def']))).toBe('abc');
  });
  it('falls back to the AccessToken cookie', () => {
    expect(extractAccessToken(event({}, ['IdToken=x', 'AccessToken=def']))).toBe('def');
    expect(extractAccessToken(event({ cookie: 'AccessToken=ghi; Other=1' }))).toBe('ghi');
  });
  it('finds nothing when neither is sent', () => {
    expect(extractAccessToken(event({ authorization: 'Basic abc' }))).toBeUndefined();
  });
});

describe('the authorizer', () => {
  const future = Math.floor(Date.now() / 1000) + 3600;

  it('passes the verified principal to the route as context', async () => {
    const verifier: AccessTokenVerifier = {
      verify: jest.fn(async () => ({ username: 'admin', groups: ['admin_group', 'manage_product_group'] })),
    };
    const result = await createAuthorizer(verifier)(event({ authorization: `Bearer ${jwt(future)}` }));
    expect(result).toEqual({
      isAuthorized: true,
      context: { username: 'admin', groups: 'admin_group,manage_product_group' },
    });
  });

  it('hands the route no principal for a bad token, so the route answers 401 in the contract shape', async () => {
    const verifier: AccessTokenVerifier = {
      verify: jest.fn(async () => {
        throw new Error('Token expired');
      }),
    };
    const result = await createAuthorizer(verifier)(event({ authorization: `Bearer ${jwt(future)}` }));
    expect(result).toEqual({ isAuthorized: true, context: {} });
  });

  it('marks a token it could not check (JWKS unavailable) instead of treating it as bad, and caches nothing', async () => {
    const verify = jest.fn(async () => {
      throw new JwksUnavailableError('JWKS request failed with 503');
    });
    const authorize = createAuthorizer({ verify });
    const token = jwt(future);
    await expect(authorize(event({ authorization: `Bearer ${token}` }))).resolves.toEqual({
      isAuthorized: true,
      context: { tokenUnchecked: 'true' },
    });
    await authorize(event({ authorization: `Bearer ${token}` }));
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('reaches that verdict through aws-jwt-verify when the pool keys cannot be fetched', async () => {
    const issuer = 'http://127.0.0.1:1/local_pool';
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: issuer, exp: future, token_use: 'access', client_id: 'client', username: 'alice' }),
    ).toString('base64url');
    const authorize = createAuthorizer(createAccessTokenVerifier({ issuer, clientId: 'client' }));
    await expect(authorize(event({ authorization: `Bearer ${header}.${payload}.c2ln` }))).resolves.toEqual({
      isAuthorized: true,
      context: { tokenUnchecked: 'true' },
    });
  });

  it('verifies a token once and then serves it from its cache', async () => {
    const verify = jest.fn(async () => ({ username: 'alice', groups: [] }));
    const authorize = createAuthorizer({ verify });
    const token = jwt(future);
    await authorize(event({ authorization: `Bearer ${token}` }));
    await authorize(event({ authorization: `Bearer ${token}` }));
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('never serves a cached principal past the token expiry', async () => {
    let now = Date.now();
    const verify = jest.fn(async () => ({ username: 'alice', groups: [] }));
    const authorize = createAuthorizer({ verify }, () => now);
    const token = jwt(Math.floor(now / 1000) + 10);
    await authorize(event({ authorization: `Bearer ${token}` }));
    now += 11_000;
    await authorize(event({ authorization: `Bearer ${token}` }));
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
