import type { ProductRecord, StoredImage } from '@estore/core/catalog';
import type { EventDetail } from '@estore/core/events';

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
