import { ApiClient, sendChecked } from '@estore/testkit';

/** A raw request through the gateway, with headers fetch would not let a test set (Host), checked against the spec. */
async function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await sendChecked({ method: 'GET', path, headers });
  return { status: response.status, body: response.text ? JSON.parse(response.text) : undefined };
}

describe('the local gateway refuses what API Gateway would never pass on', () => {
  const api = new ApiClient();
  const override = JSON.stringify({ lambda: { username: 'intruder', groups: 'admin_group,manage_product_group' } });

  it("does not let serverless-offline's authorizer override header make an anonymous caller admin", async () => {
    const response = await api.get<{ error: { code: string } }>('/users', {
      'sls-offline-authorizer-override': override,
    });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('does not let the override header create a product either', async () => {
    const response = await api.post<{ error: { code: string } }>(
      '/product',
      { name: 'Forged', category: 'Books', price: 100, stock: 1 },
      {
        'sls-offline-authorizer-override': override,
      },
    );
    expect(response.status).toBe(401);
  });

  it('refuses a request addressed to a foreign host name (DNS rebinding) in the contract error shape', async () => {
    const port = new URL(process.env.ESTORE_API_URL ?? '').port;
    const response = await rawGet('/category', { host: `rebind.evil.test:${port}` });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String), details: [] } });
  });

  it('still answers requests addressed to localhost and 127.0.0.1', async () => {
    const port = new URL(process.env.ESTORE_API_URL ?? '').port;
    expect((await rawGet('/category', { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawGet('/category', { host: `127.0.0.1:${port}` })).status).toBe(200);
  });
});
