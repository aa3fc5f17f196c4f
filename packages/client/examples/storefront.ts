import { type ApiError, type components, createClient, type EStoreClient } from '@estore/client';

type Product = components['schemas']['Product'];
type Order = components['schemas']['CheckoutResult'];
export type CheckoutOutcome = { placed: Order } | { short: ApiError['error']['details'] };

/** In a browser on another origin: the sign-in cookies are HttpOnly, and `credentials: 'include'` sends them. */
export async function signInFromBrowser(baseUrl: string, identity: string, password: string): Promise<EStoreClient> {
  const api = createClient({ baseUrl, credentials: 'include' });
  const { error } = await api.POST('/login', { body: { identity, password } });
  if (error) throw new Error(`sign-in refused: ${error.error.code}`);
  return api;
}

/** From Node (a server, a script): no cookie jar, so send the access token as a bearer token. */
export async function signInFromNode(baseUrl: string, identity: string, password: string): Promise<EStoreClient> {
  const { error, response } = await createClient({ baseUrl }).POST('/login', { body: { identity, password } });
  if (error) throw new Error(`sign-in refused: ${error.error.code}`);
  const accessToken = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('AccessToken='))
    ?.split(';')[0]
    .slice('AccessToken='.length);
  return createClient({ baseUrl, headers: { Authorization: `Bearer ${accessToken}` } });
}

export async function listBooks(api: EStoreClient): Promise<Product[]> {
  const { data, error } = await api.GET('/products', { params: { query: { category: 'Books', limit: 10 } } });
  if (error) throw new Error(error.error.message);
  return data.items ?? [];
}

/** Sets the cart to `count` of one product, then checks out. */
export async function buy(
  api: EStoreClient,
  productId: string,
  count: number,
  idempotencyKey: string = crypto.randomUUID(),
): Promise<CheckoutOutcome> {
  const cart = await api.POST('/order/create', { body: { items: [{ productId, count }] } });
  if (cart.error) throw new Error(cart.error.error.message);
  // One key per checkout attempt: a retry with the same key (a timeout, a double click) gets the
  // first answer back instead of placing a second order.
  const { data, error } = await api.POST('/payment/checkout', {
    params: { header: { 'Idempotency-Key': idempotencyKey } },
    body: { location: { address: '1 Main St', country: 'US' } },
  });
  if (error?.error.code === 'INSUFFICIENT_STOCK') return { short: error.error.details }; // [{ productId, requested, available }]
  if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
  return { placed: data };
}
