import type { Product } from '@estore/core/catalog';
import type { Group } from '@estore/core/http';
import { ApiClient, createTestUser, signInDirect } from '@estore/testkit';

export type Role = 'anonymous' | 'customer' | 'manager' | 'admin';

const GROUPS: Record<Exclude<Role, 'anonymous'>, Group[]> = {
  customer: [],
  manager: ['manage_product_group'],
  admin: ['admin_group'],
};

/** A client signed in as a fresh user of the role (tokens straight from the pool, sent as a Bearer header). */
export async function clientAs(role: Role): Promise<ApiClient> {
  const api = new ApiClient();
  if (role === 'anonymous') return api;
  const user = await createTestUser({ groups: GROUPS[role], prefix: `cat_${role}_` });
  const tokens = await signInDirect(user.username, user.password);
  return new BearerClient(tokens.accessToken);
}

class BearerClient extends ApiClient {
  constructor(private readonly token: string) {
    super();
  }

  override request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return super.request<T>(method, path, body, { authorization: `Bearer ${this.token}`, ...headers });
  }
}

export async function createProduct(
  api: ApiClient,
  fields: Partial<{ name: string; category: string; price: number; stock: number; description: string }> = {},
): Promise<Product> {
  const response = await api.post<Product>('/product', {
    name: 'Test Product',
    category: 'Books',
    price: 1234,
    stock: 5,
    ...fields,
  });
  if (response.status !== 201)
    throw new Error(`could not create a product: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
