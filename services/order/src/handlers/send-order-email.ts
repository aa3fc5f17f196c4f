import { logWith } from '@estore/core/correlation';
import { type OrderEventName, parseEventDetail } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import type { EventBridgeEvent } from 'aws-lambda';
import { isEmailedOrderEvent } from '../domain/event-emails';
import type { OrderEmails } from '../order-emails';
import { sendOrderEmailDependencies } from '../wiring';

export interface SendOrderEmailDependencies {
  emails: Pick<OrderEmails, 'send'>;
}

/**
 * On `OrderPaid`, `OrderShipped`, `OrderCanceled` and `OrderRefunded`: the customer's email about
 * it, once per fact however often the event arrives. A failure is retried, then lands in the
 * dead-letter queue.
 */
export function sendOrderEmail({ emails }: SendOrderEmailDependencies) {
  return async (event: EventBridgeEvent<OrderEventName, unknown>): Promise<void> => {
    const type = event['detail-type'];
    if (!isEmailedOrderEvent(type)) throw new Error(`unexpected event type ${type}`);
    const detail = parseEventDetail(event.detail);
    logWith({ correlationId: detail.correlationId, orderId: detail.orderId });
    const outcome = await emails.send(type, detail);
    logger.info('order email', { type, outcome });
  };
}

export const handler = sendOrderEmail(sendOrderEmailDependencies());
