import { createCognitoClient, createSesClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { SesMailer } from '@estore/core/email';
import { parseEventDetail } from '@estore/core/events';
import type { EventBridgeEvent } from 'aws-lambda';
import { OrderConfirmation } from '../order-confirmation';
import { UserEmails } from '../repositories/user-emails';
import { documentClient, orderRepository } from '../tables';

const confirmation = new OrderConfirmation(
  orderRepository(documentClient()),
  new UserEmails(createCognitoClient(), requireEnv('USER_POOL_ID')),
  new SesMailer(createSesClient(), requireEnv('SENDER_ADDRESS')),
);

/** On `OrderPaid`: the customer's confirmation email, once however often the event arrives. */
export const handler = async (event: EventBridgeEvent<'OrderPaid', unknown>): Promise<void> => {
  await confirmation.send(parseEventDetail(event.detail));
};
