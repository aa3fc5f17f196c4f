import { createClient } from '@estore/client';

/**
 * The storefront page's script in browser.test.ts, bundled for the browser with esbuild: a
 * customer's (and a manager's) journey through the typed client, with `credentials: 'include'`
 * so the sign-in cookies travel across origins. Each step is recorded for the test to assert.
 */
export interface Step {
  status: number;
  etag: string | null;
  body: unknown;
}

function step({ data, error, response }: { data?: unknown; error?: unknown; response: Response }): Step {
  return { status: response.status, etag: response.headers.get('etag'), body: data ?? error ?? null };
}

export async function journey(baseUrl: string, username: string, password: string): Promise<Record<string, Step>> {
  const api = createClient({ baseUrl, credentials: 'include' });
  const steps: Record<string, Step> = {};
  steps.login = step(await api.POST('/login', { body: { identity: username, password } }));
  steps.auth = step(await api.GET('/auth'));
  const created = await api.POST('/product', {
    body: { name: 'Browser Lamp', category: 'Home & Kitchen', price: 2500, stock: 5 },
  });
  steps.create = step(created);
  const id = created.data?.id ?? 'not-created';
  const product = { params: { path: { id } } };
  const read = await api.GET('/product/{id}', product);
  steps.read = step(read);
  const readTag = { 'If-Match': read.response.headers.get('etag') ?? '' };
  steps.edit = step(
    await api.PUT('/product/{id}', { params: { path: { id }, header: readTag }, body: { price: 2400 } }),
  );
  steps.staleEdit = step(
    await api.PUT('/product/{id}', { params: { path: { id }, header: readTag }, body: { price: 2300 } }),
  );
  steps.cart = step(await api.POST('/order/create', { body: { items: [{ productId: id, count: 2 }] } }));
  const checkout = {
    params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
    body: { location: { address: '1 Main St', country: 'US' } },
  };
  steps.checkout = step(await api.POST('/payment/checkout', checkout));
  steps.retry = step(await api.POST('/payment/checkout', checkout));
  steps.after = step(await api.GET('/product/{id}', product));
  steps.logout = step(await api.POST('/logout'));
  steps.signedOut = step(await api.GET('/auth'));
  return steps;
}
