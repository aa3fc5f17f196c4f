import type { EventDetail } from '@estore/core/events';
import { ORDER_ID, paidOrder } from './fixtures';

/** The detail of an `OrderShipped` event: the paid order plus who shipped it and how. */
export const shippedOrder = (overrides: Partial<EventDetail> = {}): EventDetail =>
  paidOrder({
    eventId: `OrderShipped:${ORDER_ID}`,
    by: 'staff',
    shipment: {
      carrier: 'DHL',
      trackingNumber: 'JD014600006281230704',
      trackingUrl: 'https://www.dhl.com/track?id=JD014600006281230704',
      shippedAt: '2026-03-02T09:00:00.000Z',
    },
    ...overrides,
  });

/** The detail of an `OrderCanceled` event of a paid order canceled by staff, its whole amount owed back. */
export const canceledOrder = (overrides: Partial<EventDetail> = {}): EventDetail =>
  paidOrder({
    eventId: `OrderCanceled:${ORDER_ID}`,
    by: 'staff',
    reason: 'staff',
    note: 'out of stock',
    refundAmount: 2497,
    ...overrides,
  });

export const REFUND_ID = 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d';

/** The detail of an `OrderRefunded` event: a partial refund of 5.00 out of the order's 24.97. */
export const refundedOrder = (overrides: Partial<EventDetail> = {}): EventDetail => ({
  eventId: `OrderRefunded:${REFUND_ID}`,
  orderId: ORDER_ID,
  user: 'alice',
  amount: 2497,
  currency: 'usd',
  occurredAt: '2026-03-03T12:00:00.000Z',
  refundId: REFUND_ID,
  refundAmount: 500,
  refundedAmount: 500,
  ...overrides,
});
