import type { Product } from '@estore/core/catalog';
import { ApiClient, createTestUser, type TestUser, uniqueName } from '@estore/testkit';
import { readServices } from '../../../../scripts/lib/topology';

/**
 * Who may call what, as one table: every route of every service x anonymous, customer, manager
 * and admin. Each cell is 401 (not signed in), 403 (signed in, not allowed), 404 (someone
 * else's) or a success (2xx) with a valid request. A route added to a serverless.yml without a
 * row here fails the coverage check at the bottom.
 */
jest.setTimeout(120_000);

type Role = 'anonymous' | 'customer' | 'manager' | 'staff' | 'admin';
/** 409: past authorization, refused by the order's state (a pending order cannot ship, deliver or be refunded). */
type Cell = 401 | 403 | 404 | 409 | 'ok';
const ROLES: Role[] = ['anonymous', 'customer', 'manager', 'staff', 'admin'];

interface Context {
  api: ApiClient;
  role: Role;
  user?: TestUser;
  /** A product of this role's own, for writes that consume one. */
  product: () => Promise<Product>;
  /** An order placed by another customer. */
  othersOrder: { orderId: string; paymentIntentId: string };
}

interface Row {
  route: string;
  cells: Record<Role, Cell>;
  call: (ctx: Context) => Promise<{ status: number }>;
}

const anyone: Record<Role, Cell> = { anonymous: 'ok', customer: 'ok', manager: 'ok', staff: 'ok', admin: 'ok' };
const signedIn: Record<Role, Cell> = { anonymous: 401, customer: 'ok', manager: 'ok', staff: 'ok', admin: 'ok' };
const managers: Record<Role, Cell> = { anonymous: 401, customer: 403, manager: 'ok', staff: 403, admin: 'ok' };
const orderStaff: Record<Role, Cell> = { anonymous: 401, customer: 403, manager: 403, staff: 'ok', admin: 'ok' };
const admins: Record<Role, Cell> = { anonymous: 401, customer: 403, manager: 403, staff: 403, admin: 'ok' };
const othersOrderOnly: Record<Role, Cell> = { anonymous: 401, customer: 404, manager: 404, staff: 404, admin: 404 };
const staffPastAuthorization: Record<Role, Cell> = { ...orderStaff, staff: 409, admin: 409 };

let seller: ApiClient;
const ROWS: Row[] = [
  // Registering signs the new user in: a fresh client, so the role's own session stays as it is.
  {
    route: 'POST /register',
    cells: anyone,
    call: () => {
      const name = uniqueName('mx_');
      return new ApiClient().post('/register', {
        username: name,
        email: `${name}@example.test`,
        password: 'secret123',
        gender: 'other',
      });
    },
  },
  {
    route: 'POST /login',
    cells: anyone,
    call: () => new ApiClient().post('/login', { identity: 'user', password: '123456' }),
  },
  { route: 'POST /logout', cells: anyone, call: () => new ApiClient().post('/logout') },
  { route: 'POST /refresh', cells: signedIn, call: ({ api }) => api.post('/refresh') },
  { route: 'GET /auth', cells: signedIn, call: ({ api }) => api.get('/auth') },
  { route: 'POST /verify', cells: signedIn, call: ({ api }) => api.post('/verify') },
  { route: 'GET /category', cells: anyone, call: ({ api }) => api.get('/category') },
  { route: 'GET /country', cells: anyone, call: ({ api }) => api.get('/country') },
  { route: 'GET /products', cells: anyone, call: ({ api }) => api.get('/products?limit=2') },
  {
    route: 'GET /product/{id}',
    cells: anyone,
    call: async ({ api }) => api.get(`/product/${(await sellerProduct()).id}`),
  },
  {
    route: 'POST /product',
    cells: managers,
    call: ({ api }) =>
      api.post('/product', { name: `Matrix ${uniqueName('p')}`, category: 'Books', price: 100, stock: 1 }),
  },
  {
    route: 'PUT /product/{id}',
    cells: managers,
    call: async ({ api, product }) => api.put(`/product/${(await product()).id}`, { price: 200 }),
  },
  {
    route: 'DELETE /product/{id}',
    cells: managers,
    call: async ({ api, product }) => api.delete(`/product/${(await product()).id}`),
  },
  {
    route: 'POST /product/{id}/image',
    cells: managers,
    call: async ({ api, product }) =>
      api.post(`/product/${(await product()).id}/image?slot=1`, { fileType: 'image/png' }),
  },
  {
    route: 'DELETE /product/{id}/image',
    cells: managers,
    call: async ({ api, product }) => api.delete(`/product/${(await product()).id}/image?slot=1`),
  },
  { route: 'GET /order/{intent}', cells: signedIn, call: ({ api }) => api.get('/order/cart') },
  {
    route: "GET /order/{intent} (someone else's order)",
    cells: othersOrderOnly,
    call: ({ api, othersOrder }) => api.get(`/order/${othersOrder.orderId}`),
  },
  {
    route: "GET /order/{intent} (someone else's intent)",
    cells: othersOrderOnly,
    call: ({ api, othersOrder }) => api.get(`/order/${othersOrder.paymentIntentId}`),
  },
  { route: 'POST /order/cart', cells: signedIn, call: ({ api }) => api.post('/order/cart', { items: [] }) },
  { route: 'POST /order/create', cells: signedIn, call: ({ api }) => api.post('/order/create', { items: [] }) },
  { route: 'GET /order', cells: signedIn, call: ({ api }) => api.get('/order') },
  {
    route: 'POST /payment/checkout',
    cells: signedIn,
    call: async ({ api }) => {
      await api.post('/order/create', { items: [{ productId: (await sellerProduct()).id, count: 1 }] });
      return api.post('/payment/checkout', { location: { address: '1 Matrix Way', country: 'US' } });
    },
  },
  {
    route: "POST /order/{orderId}/cancel (someone else's order)",
    cells: othersOrderOnly,
    call: ({ api, othersOrder }) => api.post(`/order/${othersOrder.orderId}/cancel`),
  },
  { route: 'GET /orders', cells: orderStaff, call: ({ api }) => api.get('/orders?limit=1') },
  {
    route: 'GET /orders/{orderId}',
    cells: orderStaff,
    call: ({ api, othersOrder }) => api.get(`/orders/${othersOrder.orderId}`),
  },
  {
    route: 'POST /orders/{orderId}/cancel',
    cells: orderStaff,
    call: async ({ api }) => api.post(`/orders/${(await placedOrder()).orderId}/cancel`, { reason: 'matrix' }),
  },
  {
    route: 'POST /orders/{orderId}/shipment',
    cells: staffPastAuthorization,
    call: ({ api, othersOrder }) =>
      api.post(`/orders/${othersOrder.orderId}/shipment`, { carrier: 'UPS', trackingNumber: '1Z' }),
  },
  {
    route: 'POST /orders/{orderId}/delivery',
    cells: staffPastAuthorization,
    call: ({ api, othersOrder }) => api.post(`/orders/${othersOrder.orderId}/delivery`),
  },
  {
    route: 'POST /orders/{orderId}/refunds',
    cells: staffPastAuthorization,
    call: ({ api, othersOrder }) => api.post(`/orders/${othersOrder.orderId}/refunds`, { amount: 1, reason: 'matrix' }),
  },
  { route: 'GET /users', cells: admins, call: ({ api }) => api.get('/users?limit=1') },
  {
    route: 'POST /user-group/{groupname}',
    cells: admins,
    call: async ({ api }) => api.post(`/user-group/manage_product_group?username=${(await bystander()).username}`),
  },
  {
    route: 'DELETE /user-group/{groupname}',
    cells: admins,
    call: async ({ api }) => api.delete(`/user-group/manage_product_group?username=${(await bystander()).username}`),
  },
];

/** Routes whose caller is not a user at all: the provider signs its calls instead. */
const NOT_USER_ROUTES = ['POST /payment/hook'];

let stockedProduct: Promise<Product> | undefined;
const sellerProduct = () => (stockedProduct ??= createProduct(seller, 1000));
let buyer: ApiClient;
/**
 * A fresh pending order of another customer, for a call that cancels one: each from its own
 * customer, since one customer may hold only a few unpaid orders (TOO_MANY_PENDING_ORDERS).
 */
async function placedOrder(): Promise<{ orderId: string }> {
  const customer = await signedInClient(await createTestUser({ prefix: 'mx_po_' }));
  await customer.post('/order/create', { items: [{ productId: (await sellerProduct()).id, count: 1 }] });
  const placed = await customer.post<{ orderId: string }>('/payment/checkout', {
    location: { address: '1 Other Way', country: 'US' },
  });
  if (placed.status !== 201)
    throw new Error(`could not place an order: ${placed.status} ${JSON.stringify(placed.body)}`);
  return placed.body;
}
let bystanderUser: Promise<TestUser> | undefined;
const bystander = () => (bystanderUser ??= createTestUser({ prefix: 'mx_by_' }));

async function createProduct(api: ApiClient, stock = 5): Promise<Product> {
  const response = await api.post<Product>('/product', {
    name: `Matrix ${uniqueName('p')}`,
    category: 'Books',
    price: 100,
    stock,
  });
  if (response.status !== 201) throw new Error(`could not create a product: ${response.status}`);
  return response.body;
}

/** Signs in through POST /login, so the client holds the three cookies a browser would. */
async function signedInClient(user: TestUser): Promise<ApiClient> {
  const api = new ApiClient();
  const response = await api.post('/login', { identity: user.username, password: user.password });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return api;
}

const contexts = new Map<Role, Context>();

beforeAll(async () => {
  const sellerUser = await createTestUser({ groups: ['manage_product_group'], prefix: 'mx_sell_' });
  seller = await signedInClient(sellerUser);
  buyer = await signedInClient(await createTestUser({ prefix: 'mx_buy_' }));
  const cart = await buyer.post('/order/create', { items: [{ productId: (await sellerProduct()).id, count: 1 }] });
  if (cart.status !== 200)
    throw new Error(`could not fill the other customer's cart: ${cart.status} ${JSON.stringify(cart.body)}`);
  const placed = await buyer.post<{ orderId: string; paymentIntentId: string }>('/payment/checkout', {
    location: { address: '1 Other Way', country: 'US' },
  });
  if (placed.status !== 201)
    throw new Error(`could not place the other customer's order: ${placed.status} ${JSON.stringify(placed.body)}`);

  const groups = {
    customer: [],
    manager: ['manage_product_group'],
    staff: ['manage_order_group'],
    admin: ['admin_group'],
  } as const;
  for (const role of ROLES) {
    const user =
      role === 'anonymous'
        ? undefined
        : await createTestUser({ groups: [...groups[role]], prefix: `mx_${role.slice(0, 3)}_` });
    const api = user ? await signedInClient(user) : new ApiClient();
    contexts.set(role, { api, role, user, product: () => createProduct(seller), othersOrder: placed.body });
  }
});

describe('authorization matrix through the gateway', () => {
  const cells = ROWS.flatMap((row) => ROLES.map((role) => [row.route, role, row.cells[role], row] as const));

  it.each(cells)('%s as %s: %s', async (_route, role, expected, row) => {
    const response = await row.call(contexts.get(role)!);
    if (expected === 'ok') {
      expect({ status: response.status, ok: response.status >= 200 && response.status < 300 }).toEqual({
        status: response.status,
        ok: true,
      });
    } else {
      expect(response.status).toBe(expected);
    }
  });

  it('has a row for every route a serverless.yml declares', () => {
    const declared = readServices().flatMap((service) =>
      service.routes.map((route) => `${route.method} ${route.path}`),
    );
    const covered = new Set([...ROWS.map((row) => row.route.replace(/ \(.*\)$/, '')), ...NOT_USER_ROUTES]);
    expect(declared.filter((route) => !covered.has(route))).toEqual([]);
  });
});
