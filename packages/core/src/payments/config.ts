// Static on purpose: behind `await import()` esbuild would bundle the whole SSM client (decision 22).
import { prefetchSecureString, readSecureString } from '../aws/parameter-store';
import { optionalEnv, requireEnv } from '../config';
import type { PaymentProvider } from './provider';
import { SimulatedPaymentProvider } from './simulated-provider';
import { StripePaymentProvider } from './stripe-provider';

export interface PaymentSecrets {
  /** Absent: no Stripe account configured, so the simulated provider runs (local stage only). */
  stripeSecretKey?: string;
  webhookSecret: string;
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

/**
 * Each secret comes from `<NAME>_PARAMETER` (an SSM name, in AWS) or from `<NAME>` itself (the
 * git-ignored `.env` locally). The webhook secret is required; the Stripe key is optional only on
 * the local stage, where its absence selects the simulated provider.
 */
export async function loadPaymentSecrets(env: NodeJS.ProcessEnv = process.env): Promise<PaymentSecrets> {
  const read = async (name: string): Promise<string | undefined> => {
    const parameter = optionalEnv(`${name}_PARAMETER`, env);
    return parameter ? readSecureString(parameter, SECRET_MAX_AGE_SECONDS) : optionalEnv(name, env);
  };
  const [stripeSecretKey, webhookSecret] = await Promise.all(SECRET_NAMES.map(read));
  if (!webhookSecret) throw new Error('Missing STRIPE_WEBHOOK_SECRET (or STRIPE_WEBHOOK_SECRET_PARAMETER)');
  if (!stripeSecretKey && requireEnv('STAGE', env) !== 'local') {
    throw new Error('Missing STRIPE_SECRET_KEY_PARAMETER: only the local stage may run the simulated payment provider');
  }
  return { stripeSecretKey, webhookSecret };
}

/** Stripe whenever a secret key is configured, the simulated provider otherwise. */
export function createPaymentProvider(secrets: PaymentSecrets): PaymentProvider {
  return secrets.stripeSecretKey
    ? new StripePaymentProvider(secrets.stripeSecretKey)
    : new SimulatedPaymentProvider(secrets.webhookSecret);
}

/** The container's provider: secrets read at the first payment call, then kept (see `once`). */
export const paymentProviderFromEnv = (): (() => Promise<PaymentProvider>) =>
  once(async () => createPaymentProvider(await loadPaymentSecrets()));

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
