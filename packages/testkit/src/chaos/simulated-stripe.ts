import {
  type CancelOutcome,
  type CreatedIntent,
  type IntentState,
  type PaymentIntentRequest,
  type PaymentOutcome,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type RefundRequest,
  simulatedRefundWebhook,
  simulatedWebhook,
} from '@estore/core/payments';
import Stripe from 'stripe';
import type { FaultKind, FaultPlan } from './fault-plan';

export interface LedgerIntent extends IntentState {
  orderId: string;
  user: string;
  /** What the provider took from the customer: the amount once succeeded, else 0. */
  captured: number;
}

export interface LedgerRefund extends ProviderRefund {
  refundId: string;
  orderId: string;
  paymentIntentId: string;
  amount: number;
  currency: string;
}

/** A webhook the provider owes the store: delivered, and redelivered until acknowledged, as Stripe does. */
export interface OwedWebhook {
  /** The signed body; each delivery signs it again with the time of that delivery. */
  payload: string;
  /** What it is about, for the report. */
  about: string;
}

/**
 * A stateful in-memory Stripe for chaos runs: a ledger of intents (open, processing, succeeded,
 * canceled), what each captured, and refunds (pending, succeeded, failed) that can never exceed
 * what was captured. Idempotent as Stripe is: one intent per order, one refund per refund id.
 * Every method is a fault point (`stripe:<method>`): unavailable (5xx, throttled), timeout (the
 * call may have landed), or a crash of the caller right after the provider did its part. The
 * customer's side (paying, a bank debit, a refund settling) produces the webhooks Stripe would
 * send, signed with the SDK, so they go through the store's real webhook code.
 */
export class SimulatedStripe implements PaymentProvider {
  readonly name = 'simulated' as const;
  readonly intents = new Map<string, LedgerIntent>();
  readonly refunds = new Map<string, LedgerRefund>();
  /** Webhooks not yet acknowledged by the store. */
  readonly webhooks: OwedWebhook[] = [];
  private sequence = 0;

  constructor(
    private readonly plan: FaultPlan,
    private readonly webhookSecret: string,
    private readonly now: () => Date,
    /** The chance that a new refund settles at once (a card refund often does), else it stays pending. */
    public instantRefunds = 0.5,
  ) {}

  createIntent(request: PaymentIntentRequest): Promise<CreatedIntent> {
    return this.faulted('createIntent', async () => {
      let intent = [...this.intents.values()].find((candidate) => candidate.orderId === request.orderId);
      if (!intent) {
        intent = {
          id: `pi_chaos_${((this.sequence += 1)).toString(36)}_${request.orderId.slice(2, 10)}`,
          status: 'open',
          amount: request.amount,
          currency: request.currency,
          orderId: request.orderId,
          user: request.user,
          captured: 0,
        };
        this.intents.set(intent.id, intent);
      }
      return { id: intent.id, clientSecret: `${intent.id}_secret` };
    });
  }

  cancelIntent(paymentIntentId: string): Promise<CancelOutcome> {
    return this.faulted('cancelIntent', async () => {
      const intent = this.intent(paymentIntentId);
      if (intent.status === 'open') {
        intent.status = 'canceled';
        this.owe(intent, 'canceled');
      }
      return intent.status === 'canceled' ? 'canceled' : 'not-cancelable';
    });
  }

  getIntent(paymentIntentId: string): Promise<IntentState | undefined> {
    return this.faulted('getIntent', async () => {
      const intent = this.intents.get(paymentIntentId);
      return intent && { id: intent.id, status: intent.status, amount: intent.amount, currency: intent.currency };
    });
  }

  findIntentForOrder(orderId: string): Promise<string | undefined> {
    return this.faulted(
      'findIntentForOrder',
      async () => [...this.intents.values()].find((intent) => intent.orderId === orderId)?.id,
    );
  }

  createRefund(request: RefundRequest): Promise<ProviderRefund> {
    return this.faulted('createRefund', async () => {
      const existing = this.refunds.get(request.refundId);
      if (existing) return { id: existing.id, status: existing.status };
      const intent = this.intent(request.paymentIntentId);
      const held = [...this.refunds.values()]
        .filter((refund) => refund.paymentIntentId === intent.id && refund.status !== 'failed')
        .reduce((sum, refund) => sum + refund.amount, 0);
      // Stripe's `charge_already_refunded` / amount too large: a refusal no retry can change.
      if (intent.status !== 'succeeded' || held + request.amount > intent.captured)
        throw new PaymentProviderError(`refund of ${request.amount} exceeds what ${intent.id} has left`, {
          permanent: true,
        });
      const refund: LedgerRefund = {
        id: `re_chaos_${((this.sequence += 1)).toString(36)}`,
        status: 'pending',
        refundId: request.refundId,
        orderId: request.orderId,
        paymentIntentId: intent.id,
        amount: request.amount,
        currency: request.currency,
      };
      this.refunds.set(request.refundId, refund);
      if (this.plan.random.chance(this.instantRefunds)) this.settleRefund(refund.id, 'succeeded');
      return { id: refund.id, status: refund.status };
    });
  }

  getRefund(providerRefundId: string): Promise<ProviderRefund | undefined> {
    return this.faulted('getRefund', async () => {
      const refund = this.refundByProviderId(providerRefundId);
      return refund && { id: refund.id, status: refund.status };
    });
  }

  /** The customer pays (or a bank debit completes): the intent succeeds and the webhook is owed. */
  pay(paymentIntentId: string): boolean {
    const intent = this.intent(paymentIntentId);
    if (intent.status !== 'open' && intent.status !== 'processing') return false;
    intent.status = 'succeeded';
    intent.captured = intent.amount;
    this.owe(intent, 'succeeded');
    return true;
  }

  /** A bank debit starts: the intent can no longer be canceled until it settles. */
  startProcessing(paymentIntentId: string): boolean {
    const intent = this.intent(paymentIntentId);
    if (intent.status !== 'open') return false;
    intent.status = 'processing';
    return true;
  }

  /** A card is declined: the intent stays payable, the failure webhook is owed. */
  decline(paymentIntentId: string): boolean {
    const intent = this.intent(paymentIntentId);
    if (intent.status !== 'open' && intent.status !== 'processing') return false;
    intent.status = 'open';
    this.owe(intent, 'failed');
    return true;
  }

  /** A pending refund settles at the bank; its webhook is owed. */
  settleRefund(providerRefundId: string, outcome: 'succeeded' | 'failed'): boolean {
    const refund = this.refundByProviderId(providerRefundId);
    if (!refund || refund.status !== 'pending') return false;
    refund.status = outcome;
    const signed = simulatedRefundWebhook(
      {
        refundId: refund.refundId,
        providerRefundId: refund.id,
        orderId: refund.orderId,
        amount: refund.amount,
        currency: refund.currency,
        paymentIntentId: refund.paymentIntentId,
      },
      outcome,
      this.webhookSecret,
      this.now(),
    );
    this.webhooks.push({ payload: signed.payload, about: `refund ${outcome}` });
    return true;
  }

  pendingRefunds(): LedgerRefund[] {
    return [...this.refunds.values()].filter((refund) => refund.status === 'pending');
  }

  /** A webhook body signed for delivery now, as each of Stripe's delivery attempts is. */
  sign(payload: string): string {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    return Stripe.webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret, timestamp });
  }

  /** What the provider took for an order, less what it gave back (succeeded refunds). */
  netFor(orderId: string): number {
    const captured = [...this.intents.values()]
      .filter((intent) => intent.orderId === orderId)
      .reduce((sum, intent) => sum + intent.captured, 0);
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.orderId === orderId && refund.status === 'succeeded')
      .reduce((sum, refund) => sum + refund.amount, 0);
    return captured - refunded;
  }

  private owe(intent: LedgerIntent, outcome: PaymentOutcome): void {
    const signed = simulatedWebhook(
      { id: intent.id, amount: intent.amount, currency: intent.currency, orderId: intent.orderId, user: intent.user },
      outcome,
      this.webhookSecret,
      this.now(),
    );
    this.webhooks.push({ payload: signed.payload, about: `payment ${outcome}` });
  }

  private intent(paymentIntentId: string): LedgerIntent {
    const intent = this.intents.get(paymentIntentId);
    // Stripe's `resource_missing`: retrying cannot help.
    if (!intent) throw new PaymentProviderError(`No such payment intent: ${paymentIntentId}`, { permanent: true });
    return intent;
  }

  private refundByProviderId(providerRefundId: string): LedgerRefund | undefined {
    return [...this.refunds.values()].find((refund) => refund.id === providerRefundId);
  }

  private faulted<T>(method: string, call: () => Promise<T>): Promise<T> {
    return this.plan.around(`stripe:${method}`, call, (kind) => providerError(method, kind));
  }
}

function providerError(method: string, kind: FaultKind): PaymentProviderError {
  const cause = new Error(`Simulated ${kind}`);
  if (kind === 'timeout') cause.name = 'StripeConnectionError';
  return new PaymentProviderError(`Stripe could not ${method} (simulated ${kind})`, { cause });
}
