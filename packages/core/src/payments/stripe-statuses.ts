import type { IntentState, ProviderRefund } from './provider';

/** Stripe's intent statuses in the store's terms; a status missing here is one this code does not know. */
export const INTENT_STATUS: Record<string, IntentState['status']> = {
  requires_payment_method: 'open',
  requires_confirmation: 'open',
  requires_action: 'open',
  processing: 'processing',
  // Authorized, not captured yet (intents here capture automatically): money is on its way.
  requires_capture: 'processing',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

const REFUND_STATUS: Record<string, ProviderRefund['status']> = {
  pending: 'pending',
  requires_action: 'pending',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * A Stripe refund's status (`pending`, `requires_action`, `succeeded`, `failed`, `canceled`) in
 * the store's terms. One added after this code was written counts as pending: nothing is settled
 * on a guess, and the webhook or the sweep's later look settles it.
 */
export const refundStatusOf = (status: string | null): ProviderRefund['status'] =>
  REFUND_STATUS[status ?? ''] ?? 'pending';
