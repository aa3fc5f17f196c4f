import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createAuthorizer, extractAccessToken, type AccessTokenVerifier } from '@estore/core/auth';

const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const event = (headers: Record<string, string>, cookies?: string[]) => ({ headers, cookies }) as unknown as APIGatewayRequestAuthorizerEventV2;

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
    const verifier: AccessTokenVerifier = { verify: jest.fn(async () => ({ username: 'admin', groups: ['admin_group', 'manage_product_group'] })) };
    const result = await createAuthorizer(verifier)(event({ authorization: `Bearer ${jwt(future)}` }));
    expect(result).toEqual({ isAuthorized: true, context: { username: 'admin', groups: 'admin_group,manage_product_group' } });
  });

  it('hands the route no principal for a bad token, so the route answers 401 in the contract shape', async () => {
    const verifier: AccessTokenVerifier = { verify: jest.fn(async () => { throw new Error('Token expired'); }) };
    const result = await createAuthorizer(verifier)(event({ authorization: `Bearer ${jwt(future)}` }));
    expect(result).toEqual({ isAuthorized: true, context: {} });
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
