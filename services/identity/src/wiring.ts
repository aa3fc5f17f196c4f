import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCognitoClient, createDynamoDbDocumentClient, createSesClient } from '@estore/core/aws';
import { SesMailer } from '@estore/core/email';
import { type IdentityConfig, identityConfigFromEnv } from './config';
import { VERIFICATION_RULES } from './domain/verification';
import { EmailVerification } from './email-verification';
import { Registration } from './registration';
import { EmailClaimRepository } from './repositories/email-claims';
import { RateLimitRepository } from './repositories/rate-limits';
import { UserPoolRepository } from './repositories/user-pool';
import { VerificationCodeRepository } from './repositories/verification-codes';
import { Sessions } from './sessions';
import { SignIn } from './sign-in';

/**
 * The one place that builds the identity functions' dependencies. Each handler calls one factory
 * as its module loads (once per Lambda container): a missing variable fails the cold start, and a
 * function that never calls a factory (say `GET /auth`, which needs the user pool alone) neither
 * constructs nor bundles the DynamoDB or SES clients behind the others (the package has no side
 * effects, so esbuild drops what is not called).
 */

/** The pool, the session cookies' settings and the clock: what every use case starts from. */
function userPoolParts(config: IdentityConfig) {
  return {
    users: new UserPoolRepository(createCognitoClient(), config.userPoolId, config.userPoolClientId),
    cookies: { domain: config.cookieDomain, refreshTokenMaxAgeSeconds: config.refreshTokenMaxAgeSeconds },
    now: Date.now,
  };
}

/** `GET /auth`, `POST /refresh`, `POST /logout`: the user pool only. */
export function sessionsDependencies(): { sessions: Sessions } {
  return { sessions: new Sessions(userPoolParts(identityConfigFromEnv())) };
}

/** `POST /login`: the pool, and the email claims to sign in by email. */
export function loginUserDependencies(): { signIn: SignIn } {
  const config = identityConfigFromEnv();
  return {
    signIn: new SignIn({
      ...userPoolParts(config),
      emailClaims: new EmailClaimRepository(createDynamoDbDocumentClient(), config.tableName),
    }),
  };
}

type UserPoolParts = ReturnType<typeof userPoolParts>;

/** Codes and the mailer, over the claims of the caller's document client; registration sends its first code with it. */
function emailVerification(
  config: IdentityConfig,
  pool: UserPoolParts,
  db: DynamoDBDocumentClient,
  claims: EmailClaimRepository,
): EmailVerification {
  return new EmailVerification({
    ...pool,
    codes: new VerificationCodeRepository(db, config.tableName),
    emailClaims: claims,
    mailer: new SesMailer(createSesClient(), config.senderAddress),
    rules: VERIFICATION_RULES,
  });
}

/** `POST /verify`: sends and checks codes. */
export function verifyEmailDependencies(): { verification: EmailVerification } {
  const config = identityConfigFromEnv();
  const db = createDynamoDbDocumentClient();
  return {
    verification: emailVerification(config, userPoolParts(config), db, new EmailClaimRepository(db, config.tableName)),
  };
}

/** `POST /register`: claims, rate limits and the first code; the password policy for its schema. */
export function registerUserDependencies(): { registration: Registration; passwordMinLength: number } {
  const config = identityConfigFromEnv();
  const pool = userPoolParts(config);
  const db = createDynamoDbDocumentClient();
  const claims = new EmailClaimRepository(db, config.tableName);
  return {
    registration: new Registration({
      ...pool,
      emailClaims: claims,
      rateLimits: new RateLimitRepository(db, config.tableName),
      registrationLimits: config.registrationLimits,
      verification: emailVerification(config, pool, db, claims),
    }),
    passwordMinLength: config.passwordMinLength,
  };
}
