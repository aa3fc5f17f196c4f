import { type PaymentEventName, parseEventDetail } from '@estore/core/events';
import { type OrderTrigger } from '@estore/core/order';
import { paymentProviderFromEnv } from '@estore/core/payments';
import type { EventBridgeEvent } from 'aws-lambda';
import { createLifecycle } from '../lifecycle';
import { documentClient, orderRepository } from '../tables';

const db = documentClient();
const lifecycle = createLifecycle(db, orderRepository(db), paymentProviderFromEnv());

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
export const handler = async (event: EventBridgeEvent<PaymentEventName, unknown>): Promise<void> => {
  const trigger = TRIGGERS[event['detail-type']];
  if (!trigger) throw new Error(`unexpected event type ${event['detail-type']}`);
  const detail = parseEventDetail(event.detail);
  await lifecycle.trigger(detail.orderId, trigger);
};
