import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { localOptions } from './local-options';

export function createCognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(localOptions('COGNITO_ENDPOINT'));
}
