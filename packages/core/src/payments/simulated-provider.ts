import { createHmac } from 'node:crypto';
import { logger } from '../logger';
import { REFUND_ID_PATTERN } from '../order/refunds';
import {
  type CancelOutcome,
  type CreatedIntent,
  type IntentState,
  type PaymentIntentRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type RefundRequest,
} from './provider';

/**
 * The local stand-in for Stripe: no network and no state, deterministic `pi_sim_...` intents (one
 * per order, so a retry finds the same one) and `re_sim_...` refunds (one per refund id). Payments
 * and refunds "happen" when `npm run pay` posts a signed webhook; until then a refund is pending.
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

  /**
   * The simulation keeps no state, so it cannot say whether an intent was paid or for how much, and
   * any answer it made up would be applied as the truth: "unknown" would cancel an order that
   * `npm run pay` may have paid, "succeeded" would pay one nobody paid. So it refuses to answer.
   * Locally nothing asks: the sweep asks only about an intent the provider would not cancel, and
   * this one cancels every intent. Were it asked (a test's fault injected around it), the caller
   * logs the error and backs off, as for any provider failure.
   */
  async getIntent(paymentIntentId: string): Promise<IntentState | undefined> {
    throw new PaymentProviderError(
      `The simulated provider keeps no state and cannot tell what became of ${paymentIntentId}`,
      { permanent: true },
    );
  }

  /** The intent `createIntent` makes for an order is derived from its id, so this is the one it made (if any). */
  async findIntentForOrder(orderId: string): Promise<string | undefined> {
    return simulatedIntentId(orderId);
  }

  /** Accepted and pending, as a card refund often is with Stripe, until `npm run pay -- <refundId>` settles it. */
  async createRefund(request: RefundRequest): Promise<ProviderRefund> {
    // Stripe refuses a refund of a payment it never took; so does the simulation.
    if (!request.paymentIntentId.startsWith('pi_sim_'))
      throw new PaymentProviderError(`The simulated provider made no intent ${request.paymentIntentId}`, {
        permanent: true,
      });
    const id = simulatedRefundId(request.refundId);
    logger.info('simulated provider: refund pending', { refundId: request.refundId, providerRefundId: id });
    return { id, status: 'pending' };
  }

  /** Pending until its webhook settles it: the store stops asking once the webhook has. */
  async getRefund(providerRefundId: string): Promise<ProviderRefund | undefined> {
    return providerRefundId.startsWith('re_sim_') ? { id: providerRefundId, status: 'pending' } : undefined;
  }
}

export const simulatedIntentId = (orderId: string): string => `pi_sim_${orderId.replace(/^o_/, '')}`;

/** `re_sim_<order hex>_<8 hex>` for refund `rf_<order hex>_<8 hex>`. */
export function simulatedRefundId(refundId: string): string {
  if (!REFUND_ID_PATTERN.test(refundId))
    throw new PaymentProviderError(`Not a refund id: ${refundId}`, { permanent: true });
  return `re_sim_${refundId.replace(/^rf_/, '')}`;
}
