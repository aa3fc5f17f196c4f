import { type ApiError, type components, createClient } from '@estore/client';

/**
 * Compile-time checks, run by the type check of `npm test` (never executed): correct use must
 * compile, and each misuse below must not. A `@ts-expect-error` whose line stops failing fails the
 * type check, so a client that lost its types (an `any` somewhere) would be caught here.
 */
const api = createClient({ baseUrl: 'http://localhost:3000', credentials: 'include' });

export async function correctUse(productId: string): Promise<number | ApiError> {
  await api.POST('/login', { body: { identity: 'user', password: '123456' } });
  const { data: page } = await api.GET('/products', { params: { query: { category: 'Books', limit: 5 } } });
  const first: components['schemas']['Product'] | undefined = page?.items?.[0];
  await api.POST('/order/create', { body: { items: [{ productId: first?.id ?? productId, count: 1 }] } });
  const { data, error } = await api.POST('/payment/checkout', {
    body: { location: { address: '1 Main St', country: 'US' } },
    params: { header: { 'Idempotency-Key': 'a-uuid' } },
  });
  if (error) return error;
  return data.amount;
}

export async function misuse(): Promise<void> {
  // @ts-expect-error: no such path in the spec
  await api.GET('/productz', {});
  // @ts-expect-error: `price` is an integer of minor units, not a string
  await api.POST('/product', { body: { name: 'Lamp', category: 'Books', price: '25.00', stock: 1 } });
  // @ts-expect-error: a line's `count` is a number
  await api.POST('/order/create', { body: { items: [{ productId: 'p1', count: 'two' }] } });
  // @ts-expect-error: `/product/{id}` needs its path parameter
  await api.GET('/product/{id}', {});
  // @ts-expect-error: the checkout body needs a location
  await api.POST('/payment/checkout', { body: {} });
  const { data } = await api.GET('/products');
  // @ts-expect-error: a page has `items`, not `products`
  console.log(data?.products);
}
