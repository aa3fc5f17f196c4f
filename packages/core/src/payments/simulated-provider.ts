import { createHmac } from 'node:crypto';
import { logger } from '../logger';
import type { CancelOutcome, CreatedIntent, PaymentIntentRequest, PaymentProvider } from './provider';

/**
 * The local stand-in for Stripe: no network, deterministic `pi_sim_...` intents (one per order,
 * so a retry finds the same one). Payments "happen" when `npm run pay` posts a signed webhook.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated' as const;

  constructor(private readonly signingKey: string) {}

  async createIntent(request: PaymentIntentRequest): Promise<CreatedIntent> {
    const id = simulatedIntentId(request.orderId);
    const secret = createHmac('sha256', this.signingKey).update(id).digest('hex').slice(0, 24);
    return { id, clientSecret: `${id}_secret_${secret}` };
  }

  async cancelIntent(paymentIntentId: string): Promise<CancelOutcome> {
    logger.info('simulated provider: intent canceled', { paymentIntentId });
    return 'canceled';
  }

  async refund(paymentIntentId: string, orderId: string): Promise<void> {
    logger.info('simulated provider: payment refunded', { paymentIntentId, orderId });
  }
}

export const simulatedIntentId = (orderId: string): string => `pi_sim_${orderId.replace(/^o_/, '')}`;
