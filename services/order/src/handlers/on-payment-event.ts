import { logWith } from '@estore/core/correlation';
import { type EventDetail, type PaymentEventName, parseEventDetail } from '@estore/core/events';
import type { OrderLifecycle, OrderRefunds, OrderTrigger } from '@estore/core/order';
import type { EventBridgeEvent } from 'aws-lambda';
import { onPaymentEventDependencies } from '../wiring';

export interface OnPaymentEventDependencies {
  lifecycle: Pick<OrderLifecycle, 'trigger' | 'settle'>;
  refunds: Pick<OrderRefunds, 'settle'>;
}

type RefundEventName = Extract<PaymentEventName, 'RefundSucceeded' | 'RefundFailed'>;

const TRIGGERS: Record<Exclude<PaymentEventName, RefundEventName>, OrderTrigger> = {
  PaymentSucceeded: 'payment-succeeded',
  PaymentFailed: 'payment-failed',
  PaymentCanceled: 'payment-canceled',
};

const REFUND_OUTCOMES: Record<RefundEventName, 'SUCCEEDED' | 'FAILED'> = {
  RefundSucceeded: 'SUCCEEDED',
  RefundFailed: 'FAILED',
};

const isRefundEvent = (type: string): type is RefundEventName => Object.hasOwn(REFUND_OUTCOMES, type);

/**
 * Consumes the payment service's events. Delivery is at least once and in any order: the
 * lifecycle changes an order only from the states a trigger may leave, a refund settles once
 * from PENDING, and a failure here is retried, then lands in the dead-letter queue.
 */
export function onPaymentEvent({ lifecycle, refunds }: OnPaymentEventDependencies) {
  return async (event: EventBridgeEvent<PaymentEventName, unknown>): Promise<void> => {
    const type = event['detail-type'];
    const detail = parseEventDetail(event.detail);
    // Every log line of this delivery carries the checkout's correlation id and the order.
    logWith({ correlationId: detail.correlationId, orderId: detail.orderId });
    if (isRefundEvent(type)) return settleRefund(detail, REFUND_OUTCOMES[type]);
    const trigger = Object.hasOwn(TRIGGERS, type) ? TRIGGERS[type] : undefined;
    if (!trigger) throw new Error(`unexpected event type ${type}`);
    // The intent paid: a payment that came after a cancel is refunded from it.
    await lifecycle.trigger(
      detail.orderId,
      trigger,
      detail.paymentIntentId ? { paymentIntentId: detail.paymentIntentId } : {},
    );
  };

  async function settleRefund(detail: EventDetail, outcome: 'SUCCEEDED' | 'FAILED'): Promise<void> {
    if (!detail.refundId) throw new Error('Malformed event detail: refundId is required');
    await refunds.settle(detail.orderId, detail.refundId, outcome);
    // Publishes the OrderRefunded it owes (also when a previous delivery settled it and then failed).
    await lifecycle.settle(detail.orderId);
  }
}

export const handler = onPaymentEvent(onPaymentEventDependencies());
