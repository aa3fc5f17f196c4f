import { allowedOrigins, corsHeaders, DEFAULT_CORS_ORIGINS, preflightHeaders } from '../lib/cors';

describe('CORS at the local gateway', () => {
  it('allows a local Vite storefront by default, and a configured list otherwise', () => {
    expect(allowedOrigins(undefined)).toEqual(DEFAULT_CORS_ORIGINS);
    expect(allowedOrigins(' http://localhost:8080 ,http://shop.test ')).toEqual([
      'http://localhost:8080',
      'http://shop.test',
    ]);
    expect(allowedOrigins('')).toEqual([]);
    expect(allowedOrigins(undefined, 12000)).toEqual(['http://localhost:17173', 'http://127.0.0.1:17173']);
  });

  it('reflects an allowed origin with credentials, so cookies flow', () => {
    expect(corsHeaders('http://localhost:5173', DEFAULT_CORS_ORIGINS)).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-credentials': 'true',
    });
  });

  it('adds nothing for an unknown origin or a same-origin request', () => {
    expect(corsHeaders('http://evil.test', DEFAULT_CORS_ORIGINS)).toEqual({});
    expect(corsHeaders(undefined, DEFAULT_CORS_ORIGINS)).toEqual({});
    expect(preflightHeaders('http://evil.test', DEFAULT_CORS_ORIGINS)).toBeUndefined();
  });

  it('answers a preflight with the methods and headers the API uses', () => {
    const headers = preflightHeaders('http://localhost:5173', DEFAULT_CORS_ORIGINS);
    expect(headers?.['access-control-allow-methods']).toContain('PUT');
    expect(headers?.['access-control-allow-headers'].split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'idempotency-key', 'if-match']),
    );
  });

  it('lets the storefront read the ETag and the request id', () => {
    const exposed = corsHeaders('http://localhost:5173', DEFAULT_CORS_ORIGINS)['access-control-expose-headers'].split(
      ', ',
    );
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'x-request-id']));
  });
});
