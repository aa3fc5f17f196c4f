import { parseEventDetail } from '@estore/core/events';
import type { EventBridgeEvent } from 'aws-lambda';
import type { OrderConfirmation } from '../order-confirmation';
import { sendOrderConfirmationDependencies } from '../wiring';

export interface SendOrderConfirmationDependencies {
  confirmation: Pick<OrderConfirmation, 'send'>;
}

/** On `OrderPaid`: the customer's confirmation email, once however often the event arrives. */
export function sendOrderConfirmation({ confirmation }: SendOrderConfirmationDependencies) {
  return async (event: EventBridgeEvent<'OrderPaid', unknown>): Promise<void> => {
    await confirmation.send(parseEventDetail(event.detail));
  };
}

export const handler = sendOrderConfirmation(sendOrderConfirmationDependencies());
