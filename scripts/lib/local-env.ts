import { PORTS } from './topology';

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
    // Lambda's nodejs20.x runtime is the target; the SDK's notice about future Node 22 releases is noise here.
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
  };
}
