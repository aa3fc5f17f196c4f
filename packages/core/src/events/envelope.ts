import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

/** Event names on the bus, by the service that publishes them. */
export const EVENT_SOURCES = { order: 'estore.order', payment: 'estore.payment' } as const;
export type EventSource = (typeof EVENT_SOURCES)[keyof typeof EVENT_SOURCES];

export const ORDER_EVENTS = [
  'OrderPlaced',
  'OrderPaid',
  'OrderPaymentFailed',
  'OrderCanceled',
  'OrderShipped',
  'OrderDelivered',
  'OrderRefunded',
] as const;
export const PAYMENT_EVENTS = [
  'PaymentSucceeded',
  'PaymentFailed',
  'PaymentCanceled',
  'RefundSucceeded',
  'RefundFailed',
] as const;
export type OrderEventName = (typeof ORDER_EVENTS)[number];
export type PaymentEventName = (typeof PAYMENT_EVENTS)[number];
export type EventName = OrderEventName | PaymentEventName;

export interface EventItem {
  productId: string;
  name: string;
  count: number;
  price: number;
}

/** What every event's detail carries; `eventId` is stable across re-publications of one event. */
export interface EventDetail {
  eventId: string;
  /** The correlation id of the request that caused it (docs/operations.md); absent only on events published before it existed. */
  correlationId?: string;
  orderId: string;
  user: string;
  amount: number;
  currency: string;
  occurredAt: string;
  items?: EventItem[];
  /** Payment events and order events once the order has one. */
  paymentIntentId?: string;
  /** Order events: where the order goes (the confirmation email shows it). */
  location?: { address: string; country: string };
  /** Who acted (a username or `system`): OrderCanceled, OrderShipped, OrderDelivered. */
  by?: string;
  /** OrderCanceled: why (`expired`, `customer`, `staff`, `provider`), and the note. */
  reason?: string;
  note?: string;
  /** OrderCanceled of a paid order: the refund it owes. */
  refundAmount?: number;
  /** OrderShipped: the carrier and tracking. */
  shipment?: { carrier: string; trackingNumber: string; trackingUrl: string | null; shippedAt: string };
  /** Refund events: the store's refund id, and the provider's. */
  refundId?: string;
  providerRefundId?: string;
  /** OrderRefunded: the sum of the order's SUCCEEDED refunds after this one. */
  refundedAmount?: number;
}

export class EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly source: EventSource,
  ) {}

  async publish(detailType: EventName, detail: EventDetail): Promise<void> {
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: this.busName, Source: this.source, DetailType: detailType, Detail: JSON.stringify(detail) },
        ],
      }),
    );
    if (result.FailedEntryCount) {
      throw new Error(`EventBridge refused ${detailType}: ${result.Entries?.[0]?.ErrorCode ?? 'unknown error'}`);
    }
  }
}

/** What publishes events, so tests can hand in one that fails. */
export type Publisher = Pick<EventPublisher, 'publish'>;
