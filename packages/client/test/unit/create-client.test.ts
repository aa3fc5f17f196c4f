import { type ApiError, createClient } from '@estore/client';

/** The client as a storefront uses it, over a fake fetch: what it sends and how a refusal comes back. */
function recordingFetch(status: number, body: unknown) {
  const sent: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push(request);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch };
}

describe('createClient', () => {
  it('sends a checkout to the base URL with its JSON body, headers and credentials', async () => {
    const { sent, fetch } = recordingFetch(201, { orderId: 'o_1' });
    const api = createClient({ baseUrl: 'http://localhost:3000/', credentials: 'include', fetch });

    await api.POST('/payment/checkout', {
      body: { location: { address: '1 Main St', country: 'US' } },
      params: { header: { 'Idempotency-Key': 'key-1' } },
    });

    const [request] = sent;
    expect(request.url).toBe('http://localhost:3000/payment/checkout');
    expect(request.method).toBe('POST');
    expect(request.credentials).toBe('include');
    expect(request.headers.get('idempotency-key')).toBe('key-1');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ location: { address: '1 Main St', country: 'US' } });
  });

  it("returns a refusal as the contract's error shape, with no data", async () => {
    const refusal: ApiError = {
      error: {
        code: 'INSUFFICIENT_STOCK',
        message: 'not enough stock',
        details: [{ field: 'items', productId: 'p1' }],
      },
    };
    const { fetch } = recordingFetch(409, refusal);
    const api = createClient({ baseUrl: 'http://localhost:3000', fetch });

    const { data, error, response } = await api.POST('/payment/checkout', {
      body: { location: { address: '1 Main St', country: 'US' } },
    });

    expect(response.status).toBe(409);
    expect(data).toBeUndefined();
    expect(error?.error.code).toBe('INSUFFICIENT_STOCK');
    expect(error?.error.details).toEqual([{ field: 'items', productId: 'p1' }]);
  });

  it('fills path parameters and serializes query parameters', async () => {
    const { sent, fetch } = recordingFetch(200, { items: [], nextCursor: null });
    const api = createClient({ baseUrl: 'http://localhost:3000', fetch });

    await api.GET('/products', { params: { query: { category: 'Books', limit: 5 } } });
    await api.GET('/product/{id}', { params: { path: { id: 'a b' } } });

    expect(sent.map((request) => request.url)).toEqual([
      'http://localhost:3000/products?category=Books&limit=5',
      'http://localhost:3000/product/a%20b',
    ]);
  });
});
