import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { S3Client } from '@aws-sdk/client-s3';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { optionalEnv } from './config';

/**
 * Locally each AWS service is an emulator; its URL arrives in `<SERVICE>_ENDPOINT`.
 * In AWS the variable is empty and the SDK's regional default applies.
 */
function localOptions(endpointVariable: string) {
  const endpoint = optionalEnv(endpointVariable);
  if (!endpoint) return {};
  return {
    endpoint,
    region: optionalEnv('AWS_REGION') ?? 'us-east-1',
    // Emulators accept any credentials; fixed ones keep local runs independent of ~/.aws.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

export function createDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient(localOptions('DYNAMODB_ENDPOINT'));
}

export function createDynamoDbDocumentClient(client: DynamoDBClient = createDynamoDbClient()): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function createCognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(localOptions('COGNITO_ENDPOINT'));
}

export function createSesClient(): SESv2Client {
  return new SESv2Client(localOptions('SES_ENDPOINT'));
}

export function createS3Client(): S3Client {
  const local = localOptions('S3_ENDPOINT');
  return new S3Client({
    ...local,
    // s3rver (local S3) only understands path-style addressing and its own fixed credentials.
    ...(local.endpoint
      ? { forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {}),
  });
}

export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient(localOptions('EVENTBRIDGE_ENDPOINT'));
}
