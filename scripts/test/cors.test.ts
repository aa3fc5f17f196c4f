import { allowedOrigins, corsHeaders, DEFAULT_CORS_ORIGINS, preflightHeaders } from '../lib/cors';

describe('CORS at the local gateway', () => {
  it('allows a local Vite storefront by default, and a configured list otherwise', () => {
    expect(allowedOrigins(undefined)).toEqual(DEFAULT_CORS_ORIGINS);
    expect(allowedOrigins(' http://localhost:8080 ,http://shop.test ')).toEqual(['http://localhost:8080', 'http://shop.test']);
    expect(allowedOrigins('')).toEqual([]);
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
    expect(preflightHeaders('http://localhost:5173', DEFAULT_CORS_ORIGINS)).toMatchObject({
      'access-control-allow-methods': expect.stringContaining('PUT'),
      'access-control-allow-headers': expect.stringContaining('authorization'),
    });
  });
});
