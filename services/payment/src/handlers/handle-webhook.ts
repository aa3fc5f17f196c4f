import { httpHandler, ok } from '@estore/core/http';
import type { WebhookService } from '../webhook-service';
import { handleWebhookDependencies } from '../wiring';

export interface HandleWebhookDependencies {
  webhookService: Pick<WebhookService, 'receive'>;
}

/** `POST /payment/hook`: Stripe's (or the simulated provider's) signed events about payment intents. */
export function handleWebhook({ webhookService }: HandleWebhookDependencies) {
  return httpHandler({ access: 'public', rawBody: true }, async ({ rawBody, headers }) => {
    await webhookService.receive(rawBody, headers['stripe-signature']);
    return ok({ received: true });
  });
}

export const handler = handleWebhook(handleWebhookDependencies());
