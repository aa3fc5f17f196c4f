import { createCognitoClient, createDynamoDbDocumentClient, createSesClient } from '@estore/core/aws';
import { SesMailer } from '@estore/core/email';
import { identityConfigFromEnv } from './config';
import { type IdentityDependencies, IdentityService } from './identity-service';
import { EmailClaimRepository } from './repositories/email-claims';
import { RateLimitRepository } from './repositories/rate-limits';
import { UserPoolRepository } from './repositories/user-pool';
import { VerificationCodeRepository } from './repositories/verification-codes';

/** Read once per Lambda container; a missing variable fails the cold start. */
export const config = identityConfigFromEnv();

/**
 * Each handler builds, at module scope, the use cases over just the parts it touches, through one
 * of these factories: a function that never calls one (say `GET /auth`, which needs the user pool
 * alone) neither constructs nor bundles the DynamoDB or SES clients behind the others.
 */
function userPoolParts(): IdentityDependencies {
  return {
    users: new UserPoolRepository(createCognitoClient(), config.userPoolId, config.userPoolClientId),
    registrationLimits: config.registrationLimits,
    cookies: { domain: config.cookieDomain, refreshTokenMaxAgeSeconds: config.refreshTokenMaxAgeSeconds },
  };
}

/** Reading the current user, refreshing and signing out: the user pool only. */
export const sessionService = () => new IdentityService(userPoolParts());

/** Signing in, by username or by a verified email (the email claims). */
export const signInService = () =>
  new IdentityService({
    ...userPoolParts(),
    emailClaims: new EmailClaimRepository(createDynamoDbDocumentClient(), config.tableName),
  });

/** Registering and verifying an email: claims, codes, rate limits and the mailer too. */
export function onboardingService(): IdentityService {
  const db = createDynamoDbDocumentClient();
  return new IdentityService({
    ...userPoolParts(),
    emailClaims: new EmailClaimRepository(db, config.tableName),
    codes: new VerificationCodeRepository(db, config.tableName),
    rateLimits: new RateLimitRepository(db, config.tableName),
    mailer: new SesMailer(createSesClient(), config.senderAddress),
  });
}
