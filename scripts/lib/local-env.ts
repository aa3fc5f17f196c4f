import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PORTS, ROOT, readServices } from './topology';

/**
 * The webhook secret of the local stage: a development-only value (Stripe's format), used by the
 * simulated provider's webhooks and `npm run pay`. `.env` may replace it, e.g. with the secret
 * `stripe listen` prints when a real Stripe test account is used.
 */
export const LOCAL_WEBHOOK_SECRET = 'whsec_estore_local_development_only';

/**
 * The key that signs list cursors on the local stage: development-only, like the webhook secret.
 * Deployed stages read theirs from SSM (`/estore/<stage>/cursor-signing-key`).
 */
export const LOCAL_CURSOR_SIGNING_KEY = 'estore_local_cursor_signing_key_development_only';

/** `.env` (git-ignored) holds local secrets such as STRIPE_SECRET_KEY; variables already set win. */
export function loadDotEnv(path = join(ROOT, '.env')): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Stripe's settings for the local stack: no key means the simulated provider. */
export function localPaymentSettings(env: NodeJS.ProcessEnv = process.env): {
  stripeSecretKey: string;
  stripeWebhookSecret: string;
} {
  return {
    stripeSecretKey: env.STRIPE_SECRET_KEY ?? '',
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || LOCAL_WEBHOOK_SECRET,
  };
}

/** What the local services and tests need to know about the local platform. */
export interface LocalIdentity {
  userPoolId: string;
  userPoolClientId: string;
}

export const LOCAL_REGION = 'us-east-1';

/** The environment a script or test uses to reach the emulators, the same values the services get. */
export function localEnvironment(identity: LocalIdentity): Record<string, string> {
  return {
    STAGE: 'local',
    // Lambda runs nodejs22.x; locally everything runs on the machine's Node (20.19+), where the SDK's
    // notice about Node 20's end of support is noise.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${PORTS.dynamodb}`,
    COGNITO_ENDPOINT: `http://127.0.0.1:${PORTS.cognito}`,
    SES_ENDPOINT: `http://127.0.0.1:${PORTS.ses}`,
    S3_ENDPOINT: `http://127.0.0.1:${PORTS.s3}`,
    EVENTBRIDGE_ENDPOINT: `http://127.0.0.1:${PORTS.eventBridge}`,
    USER_POOL_ID: identity.userPoolId,
    USER_POOL_CLIENT_ID: identity.userPoolClientId,
    COGNITO_ISSUER: `http://127.0.0.1:${PORTS.cognito}/${identity.userPoolId}`,
    ESTORE_API_URL: `http://127.0.0.1:${PORTS.gateway}`,
    SES_INBOX_URL: `http://127.0.0.1:${PORTS.ses}`,
    STRIPE_WEBHOOK_SECRET: localPaymentSettings().stripeWebhookSecret,
    CURSOR_SIGNING_KEY: LOCAL_CURSOR_SIGNING_KEY,
    // Tests invoke the order service's scheduled expiry directly through serverless-offline's Lambda API.
    ORDER_LAMBDA_URL: `http://127.0.0.1:${readServices().find((service) => service.name === 'order')?.lambdaPort}`,
    EVENT_BUS_NAME: 'estore-local',
    ORDERS_TABLE: 'estore-order-local-orders',
    PRODUCTS_TABLE: 'estore-catalog-local-products',
    PAYMENTS_TABLE: 'estore-payment-local-payments',
  };
}
