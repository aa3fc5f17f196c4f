import { optionalEnv, requireEnv, requireIntEnv } from '@estore/core/config';
import { REGISTRATION_WINDOW_SECONDS, type RegistrationLimits } from './domain/registration-limits';

/** The verification-code and email-claim table follows the house naming: estore-<service>-<stage>-<what>. */
export const identityTableName = (stage: string): string => `estore-identity-${stage}-identity`;

export interface IdentityConfig {
  userPoolId: string;
  userPoolClientId: string;
  tableName: string;
  senderAddress: string;
  cookieDomain?: string;
  passwordMinLength: number;
  refreshTokenMaxAgeSeconds: number;
  registrationLimits: RegistrationLimits;
}

export function identityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  return {
    userPoolId: requireEnv('USER_POOL_ID', env),
    userPoolClientId: requireEnv('USER_POOL_CLIENT_ID', env),
    tableName: requireEnv('IDENTITY_TABLE', env),
    senderAddress: requireEnv('SENDER_ADDRESS', env),
    // Empty locally: a cookie without Domain belongs to the exact host that set it.
    cookieDomain: optionalEnv('COOKIE_DOMAIN', env),
    passwordMinLength: requireIntEnv('PASSWORD_MIN_LENGTH', env),
    refreshTokenMaxAgeSeconds: requireIntEnv('REFRESH_TOKEN_VALIDITY_DAYS', env) * 24 * 60 * 60,
    registrationLimits: {
      perAddress: requireIntEnv('REGISTRATIONS_PER_ADDRESS_PER_HOUR', env),
      perClient: requireIntEnv('REGISTRATIONS_PER_CLIENT_PER_HOUR', env),
      windowSeconds: REGISTRATION_WINDOW_SECONDS,
    },
  };
}
