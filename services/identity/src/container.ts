import { createCognitoClient, createDynamoDbDocumentClient, createSesClient } from '@estore/core/aws';
import { SesMailer } from '@estore/core/email';
import { identityConfigFromEnv } from './config';
import { IdentityService } from './identity-service';
import { EmailClaimRepository } from './repositories/email-claims';
import { RateLimitRepository } from './repositories/rate-limits';
import { UserPoolRepository } from './repositories/user-pool';
import { VerificationCodeRepository } from './repositories/verification-codes';

/** Built once per Lambda container: clients, repositories and the use cases over them. */
export const config = identityConfigFromEnv();

const db = createDynamoDbDocumentClient();

export const identity = new IdentityService({
  users: new UserPoolRepository(createCognitoClient(), config.userPoolId, config.userPoolClientId),
  emailClaims: new EmailClaimRepository(db, config.tableName),
  codes: new VerificationCodeRepository(db, config.tableName),
  rateLimits: new RateLimitRepository(db, config.tableName),
  registrationLimits: config.registrationLimits,
  mailer: new SesMailer(createSesClient(), config.senderAddress),
  cookies: { domain: config.cookieDomain, refreshTokenMaxAgeSeconds: config.refreshTokenMaxAgeSeconds },
});
