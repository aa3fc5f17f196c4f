import { createAuthorizerFromEnv } from '@estore/core/auth';

/** The shared access-token authorizer (see packages/core/src/auth), deployed with this service's routes. */
export const handler = createAuthorizerFromEnv();
