import { accessTokenConfigFromEnv, createAccessTokenVerifier } from './access-token';
import { createAuthorizer } from './authorizer';

export * from './access-token';
export * from './authorizer';

/** The authorizer Lambda handler, configured from USER_POOL_ID, USER_POOL_CLIENT_ID and COGNITO_ISSUER. */
export const createAuthorizerFromEnv = () => createAuthorizer(createAccessTokenVerifier(accessTokenConfigFromEnv()));
