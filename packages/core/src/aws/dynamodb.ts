import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localOptions } from './local-options';

export function createDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient(localOptions('DYNAMODB_ENDPOINT'));
}

export function createDynamoDbDocumentClient(client: DynamoDBClient = createDynamoDbClient()): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
