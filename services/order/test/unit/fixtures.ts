import type { ProductRecord, StoredImage } from '@estore/core/catalog';
import type { EventDetail } from '@estore/core/events';
import type { HttpLambda } from '@estore/core/http';
import type { Cart, OrderRecord } from '@estore/core/order';
import { type HttpEventOptions, httpEvent, lambdaContext } from '@estore/testkit';

export const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';

export function product(id: string, price: number, images: StoredImage[] = []): ProductRecord {
  return {
    id,
    name: `Product ${id}`,
    description: '',
    category: 'Books',
    price,
    currency: 'usd',
    stock: 10,
    images,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

export const image = (slot: 1 | 2 | 3, key: string): StoredImage => ({
  slot,
  key,
  contentType: 'image/png',
  uploadedAt: '2026-01-01T00:00:00.000Z',
});

/** The detail of an `OrderPaid` event, as the confirmation email receives it. */
export function paidOrder(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    eventId: `OrderPaid:${ORDER_ID}`,
    orderId: ORDER_ID,
    user: 'alice',
    amount: 2497,
    currency: 'usd',
    occurredAt: '2026-03-01T12:00:00.000Z',
    items: [
      { productId: 'mug', name: 'Mug', count: 2, price: 999 },
      { productId: 'pen', name: 'Pen', count: 1, price: 499 },
    ],
    location: { address: '1 Main St, Springfield', country: 'US' },
    paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
    ...overrides,
  };
}

/** An order as stored, placed by alice and awaiting payment. */
export function storedOrder(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId: ORDER_ID,
    user: 'alice',
    status: 'PENDING_PAYMENT',
    items: [{ productId: 'mug', name: 'Mug', category: 'Books', price: 999, count: 2, lineTotal: 1998 }],
    amount: 1998,
    currency: 'usd',
    location: { address: '1 Main St, Springfield', country: 'US' },
    paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
    shipment: null,
    refunds: {},
    refundHeld: 0,
    revision: 0,
    createdAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
    history: [{ status: 'PENDING_PAYMENT', at: '2026-03-01T12:00:00.000Z', note: 'order placed', by: 'alice' }],
    payBy: '2026-03-01T12:30:00.000Z',
    dueAt: '2026-03-01T12:30:00.000Z',
    outbox: {},
    ...overrides,
  };
}

/** A cart as `GET /order/cart` answers it. */
export const aCart = (): Cart => ({
  items: [
    {
      productId: 'mug',
      name: 'Mug',
      category: 'Books',
      price: 999,
      count: 2,
      lineTotal: 1998,
      image: 'https://images.test/img/mug-1.png',
    },
  ],
  amount: 1998,
  currency: 'usd',
  updatedAt: '2026-03-01T12:00:00.000Z',
});

export const alice = { username: 'alice', groups: [] };

/** Calls an HTTP route as API Gateway would and answers its status and parsed body. */
export async function call(route: HttpLambda, options: HttpEventOptions): Promise<{ status: number; body: unknown }> {
  const result = await route(httpEvent(options), lambdaContext());
  return { status: result.statusCode ?? 0, body: result.body ? JSON.parse(result.body) : undefined };
}

/** Order staff and an admin: both may operate every order. */
export const staff = { username: 'sam', groups: ['manage_order_group'] };
export const admin = { username: 'ada', groups: ['admin_group'] };
/** A product manager: signed in, but no order staff. */
export const productManager = { username: 'mia', groups: ['manage_product_group'] };
