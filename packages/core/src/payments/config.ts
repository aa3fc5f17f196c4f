// Static on purpose: behind `await import()` esbuild would bundle the whole SSM client (decision 22).
import { prefetchSecureString, readSecureString } from '../aws/parameter-store';
import { optionalEnv, requireEnv } from '../config';
import type { PaymentProvider } from './provider';
import { SimulatedPaymentProvider } from './simulated-provider';
import { StripePaymentProvider, type StripeProviderOptions } from './stripe-provider';

export interface PaymentSecrets {
  /** Absent: no Stripe account configured, so the simulated provider runs (local stage only). */
  stripeSecretKey?: string;
  /** What the webhook verifies with, and what the simulated provider signs with; Stripe needs none. */
  webhookSecret?: string;
}

/** Secrets stay in SSM Parameter Store in AWS; callers read them once per container (see `once`), so a rotated secret reaches new containers. */
const SECRET_MAX_AGE_SECONDS = 300;

/** The payment secrets, each configured as `<NAME>_PARAMETER` or `<NAME>`. */
const SECRET_NAMES = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const;

/**
 * Cold start: a function configured with SSM names starts reading them as this module loads, so a
 * missing secret is logged (with its name) at init rather than at the first payment; the first
 * `loadPaymentSecrets` joins these reads. Only the payment functions import this file (the package
 * is free of side effects, so esbuild drops it elsewhere), and locally no `_PARAMETER` is set.
 */
for (const name of SECRET_NAMES) {
  const parameter = optionalEnv(`${name}_PARAMETER`);
  if (parameter) void prefetchSecureString(parameter, SECRET_MAX_AGE_SECONDS);
}

/** A secret from `<NAME>_PARAMETER` (an SSM name, in AWS) or from `<NAME>` itself (the git-ignored `.env` locally). */
async function readSecret(name: (typeof SECRET_NAMES)[number], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const parameter = optionalEnv(`${name}_PARAMETER`, env);
  return parameter ? readSecureString(parameter, SECRET_MAX_AGE_SECONDS) : optionalEnv(name, env);
}

const MISSING_KEY = 'Missing STRIPE_SECRET_KEY_PARAMETER: only the local stage may run the simulated payment provider';

/** The webhook's signing secret, and nothing else: the public webhook function reads no Stripe key. */
export async function loadWebhookSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const webhookSecret = await readSecret('STRIPE_WEBHOOK_SECRET', env);
  if (!webhookSecret) throw new Error('Missing STRIPE_WEBHOOK_SECRET (or STRIPE_WEBHOOK_SECRET_PARAMETER)');
  return webhookSecret;
}

/**
 * What a function that calls the provider reads: Stripe's secret key alone in AWS (it never needs
 * the webhook secret); on the local stage without a key, the webhook secret that the simulated
 * provider signs its webhooks with.
 */
export async function loadProviderSecrets(env: NodeJS.ProcessEnv = process.env): Promise<PaymentSecrets> {
  const stripeSecretKey = await readSecret('STRIPE_SECRET_KEY', env);
  if (stripeSecretKey) return { stripeSecretKey };
  if (requireEnv('STAGE', env) !== 'local') throw new Error(MISSING_KEY);
  return { webhookSecret: await loadWebhookSecret(env) };
}

/**
 * Both secrets (the local stage's whole payment configuration). The webhook secret is required;
 * the Stripe key is optional only on the local stage, where its absence selects the simulated provider.
 */
export async function loadPaymentSecrets(env: NodeJS.ProcessEnv = process.env): Promise<PaymentSecrets> {
  const [stripeSecretKey, webhookSecret] = await Promise.all(SECRET_NAMES.map((name) => readSecret(name, env)));
  if (!webhookSecret) throw new Error('Missing STRIPE_WEBHOOK_SECRET (or STRIPE_WEBHOOK_SECRET_PARAMETER)');
  if (!stripeSecretKey && requireEnv('STAGE', env) !== 'local') throw new Error(MISSING_KEY);
  return { stripeSecretKey, webhookSecret };
}

/**
 * Stripe whenever a secret key is configured, the simulated provider otherwise. `stripe`: the
 * client's timeout and retries, for a function whose time differs from the 10 s they are sized for.
 */
export function createPaymentProvider(secrets: PaymentSecrets, stripe: StripeProviderOptions = {}): PaymentProvider {
  if (secrets.stripeSecretKey) return new StripePaymentProvider(secrets.stripeSecretKey, stripe);
  if (!secrets.webhookSecret) throw new Error('The simulated payment provider needs the webhook secret it signs with');
  return new SimulatedPaymentProvider(secrets.webhookSecret);
}

/** The container's provider: its secrets read at the first payment call, then kept (see `once`). */
export const paymentProviderFromEnv = (stripe: StripeProviderOptions = {}): (() => Promise<PaymentProvider>) =>
  once(async () => createPaymentProvider(await loadProviderSecrets(), stripe));

/** Memoizes an async factory per container: built at the first request (SSM reads already started at load). */
export function once<T>(factory: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= factory().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
