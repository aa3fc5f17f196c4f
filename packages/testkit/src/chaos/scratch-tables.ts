import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..', '..');

type TableShape = Pick<
  CreateTableCommandInput,
  'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'
>;

/**
 * The keys and indexes of a table as a service's serverless.yml defines it (what is packaged and
 * deployed); deployment settings (name, backups, protection, TTL) are left out.
 */
export function tableShape(service: string, logicalId: string): TableShape {
  const config = parse(readFileSync(join(ROOT, 'services', service, 'serverless.yml'), 'utf8'), {
    logLevel: 'silent',
  }) as { resources?: { Resources?: Record<string, { Properties?: TableShape }> } };
  const properties = config.resources?.Resources?.[logicalId]?.Properties;
  if (!properties?.KeySchema) throw new Error(`services/${service}/serverless.yml defines no table ${logicalId}`);
  const { KeySchema, AttributeDefinitions, GlobalSecondaryIndexes, LocalSecondaryIndexes } = properties;
  return { KeySchema, AttributeDefinitions, GlobalSecondaryIndexes, LocalSecondaryIndexes };
}

/** A fresh table of that shape under a unique name; `drop` deletes it. */
export async function createScratchTable(
  client: DynamoDBClient,
  shape: TableShape,
  prefix: string,
): Promise<{ tableName: string; drop(): Promise<void> }> {
  const tableName = `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await client.send(new CreateTableCommand({ ...shape, TableName: tableName, BillingMode: 'PAY_PER_REQUEST' }));
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
  return {
    tableName,
    drop: async () => void (await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined)),
  };
}
