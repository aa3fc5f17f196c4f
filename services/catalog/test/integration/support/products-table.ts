import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '@estore/core/config';
import { parse } from 'yaml';

/**
 * A private products table with exactly the keys and indexes of serverless.yml, so a suite can
 * assert exact results (every product, in order) while other suites write to the shared table.
 */
export async function createProductsTable(
  prefix: string,
): Promise<{ db: DynamoDBDocumentClient; tableName: string; drop(): Promise<void> }> {
  const config = parse(readFileSync(join(__dirname, '../../../serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
    resources: { Resources: { ProductsTable: { Properties: CreateTableCommandInput & Record<string, unknown> } } };
  };
  // Backups and deletion protection are deployment settings (a stage variable in the file), not part of the table's shape.
  const {
    PointInTimeRecoverySpecification: _pitr,
    DeletionProtectionEnabled: _protection,
    ...definition
  } = config.resources.Resources.ProductsTable.Properties;
  const tableName = `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const client = new DynamoDBClient({
    endpoint: requireEnv('DYNAMODB_ENDPOINT'),
    region: requireEnv('AWS_REGION'),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(new CreateTableCommand({ ...definition, TableName: tableName }));
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    db,
    tableName,
    drop: async () => void (await client.send(new DeleteTableCommand({ TableName: tableName }))),
  };
}
