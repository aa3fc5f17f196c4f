import { ApiClient } from '@estore/testkit';

describe('catalog reference data through the gateway', () => {
  const api = new ApiClient();

  it('lists the ten categories of the contract', async () => {
    const response = await api.get<string[]>('/category');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.body).toEqual([
      'Grocery',
      'Electronics',
      'Health & Beauty',
      'Automobile',
      'Home & Kitchen',
      'Phones & Tablets',
      'Books',
      'Gaming',
      'Fashion',
      'Sports & Outdoors',
    ]);
  });

  it('lists the countries delivered to as {code, name, emoji}', async () => {
    const response = await api.get<Array<{ code: string; name: string; emoji: string }>>('/country');
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(10);
    expect(response.body).toContainEqual({ code: 'US', name: 'United States', emoji: '🇺🇸' });
  });

  it('tags every response with a request id', async () => {
    const response = await api.get('/category');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers an unknown path with a JSON 404 in the contract shape', async () => {
    // The gateway's own 404 for a path no service declares (x-gateway in the spec).
    const response = await api.get('/nope');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), details: [] } });
  });

  it('answers a known path with an unsupported method as not found', async () => {
    // A method the spec does not declare for this path: the gateway's own 404 (x-gateway in the spec).
    const response = await api.request('DELETE', '/category');
    expect(response.status).toBe(404);
  });
});
