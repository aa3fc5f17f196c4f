import { createAuthorizerFromEnv } from '@estore/core';

/** The shared access-token authorizer (see packages/core/src/auth), deployed with this service's routes. */
export const handler = createAuthorizerFromEnv();
