import { ApiClient } from '@estore/testkit';
import { defaultCorsOrigins } from '../../../../scripts/lib/cors';
import { PORT_OFFSET } from '../../../../scripts/lib/topology';

describe('the gateway for a storefront on another local origin', () => {
  const api = new ApiClient();
  // Vite's default port, shifted like every local port under ESTORE_PORT_OFFSET.
  const origin = defaultCorsOrigins(PORT_OFFSET)[0];

  it('answers a preflight for an allowed origin', async () => {
    const response = await api.request('OPTIONS', '/product/x', undefined, {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type, if-match, idempotency-key',
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['if-match', 'idempotency-key']),
    );
  });

  it("lets that origin read a product's ETag", async () => {
    const response = await api.get('/product/seed-books-01', { origin });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"v\d+"$/);
    expect(response.headers.get('access-control-expose-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['etag', 'x-request-id']),
    );
  });

  it('marks proxied responses and its own errors as readable by that origin', async () => {
    const categories = await api.get('/category', { origin });
    const missing = await api.get('/nope', { origin });
    expect(categories.headers.get('access-control-allow-origin')).toBe(origin);
    expect(missing.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('grants nothing to an origin it does not know', async () => {
    const response = await api.get('/category', { origin: 'http://evil.test' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
