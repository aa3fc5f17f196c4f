import { type PaymentEventName, parseEventDetail } from '@estore/core/events';
import type { OrderLifecycle, OrderTrigger } from '@estore/core/order';
import type { EventBridgeEvent } from 'aws-lambda';
import { onPaymentEventDependencies } from '../wiring';

export interface OnPaymentEventDependencies {
  lifecycle: Pick<OrderLifecycle, 'trigger'>;
}

const TRIGGERS: Record<PaymentEventName, OrderTrigger> = {
  PaymentSucceeded: 'payment-succeeded',
  PaymentFailed: 'payment-failed',
  PaymentCanceled: 'payment-canceled',
};

/**
 * Consumes the payment service's events. Delivery is at least once and in any order: the
 * lifecycle changes an order only from the states a trigger may leave, and a failure here is
 * retried, then lands in the dead-letter queue.
 */
export function onPaymentEvent({ lifecycle }: OnPaymentEventDependencies) {
  return async (event: EventBridgeEvent<PaymentEventName, unknown>): Promise<void> => {
    const trigger = TRIGGERS[event['detail-type']];
    if (!trigger) throw new Error(`unexpected event type ${event['detail-type']}`);
    const detail = parseEventDetail(event.detail);
    await lifecycle.trigger(detail.orderId, trigger);
  };
}

export const handler = onPaymentEvent(onPaymentEventDependencies());
