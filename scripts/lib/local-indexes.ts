import {
  type AttributeDefinition,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION } from './local-env';
import type { LocalService } from './topology';

interface TableResource {
  Type?: string;
  Properties?: {
    TableName?: string;
    AttributeDefinitions?: AttributeDefinition[];
    GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  };
}

export interface DeclaredTable {
  tableName: string;
  attributes: AttributeDefinition[];
  indexes: GlobalSecondaryIndex[];
}

/**
 * The tables a service's serverless.yml creates, with their local names (`${sls:stage}` is
 * `local`) and global secondary indexes. A table named by a parameter belongs to another service.
 */
export function declaredTables(service: LocalService): DeclaredTable[] {
  const definition = service.definition as {
    custom?: { tables?: Record<string, string> };
    resources?: { Resources?: Record<string, TableResource> };
  };
  const tables = definition.custom?.tables ?? {};
  return Object.values(definition.resources?.Resources ?? {}).flatMap((resource) => {
    if (resource.Type !== 'AWS::DynamoDB::Table' || !resource.Properties?.TableName) return [];
    const name = resource.Properties.TableName.replace(
      /\$\{self:custom\.tables\.(\w+)\}/,
      (_, key) => tables[key] ?? '',
    );
    const tableName = name.replace(/\$\{sls:stage\}/g, 'local');
    if (!tableName || tableName.includes('${')) return [];
    return [
      {
        tableName,
        attributes: resource.Properties.AttributeDefinitions ?? [],
        indexes: resource.Properties.GlobalSecondaryIndexes ?? [],
      },
    ];
  });
}

/**
 * serverless-dynamodb creates a table only when it is missing, so a `.data/` kept from an older
 * checkout lacks the indexes added since (a Query on one answers 500). This adds each missing
 * index, one update at a time as DynamoDB requires. Items written before an index's key attributes
 * existed carry none, so they stay out of it: the log says so.
 */
export async function addMissingIndexes(
  client: DynamoDBClient,
  tables: DeclaredTable[],
  log: (line: string) => void,
): Promise<string[]> {
  const added: string[] = [];
  for (const table of tables) {
    const live = await client
      .send(new DescribeTableCommand({ TableName: table.tableName }))
      .catch((error: unknown) => (error instanceof ResourceNotFoundException ? undefined : Promise.reject(error)));
    if (!live?.Table) continue;
    const present = new Set((live.Table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of table.indexes.filter((candidate) => !present.has(candidate.IndexName))) {
      const keys = new Set((index.KeySchema ?? []).map((key) => key.AttributeName));
      try {
        await client.send(
          new UpdateTableCommand({
            TableName: table.tableName,
            AttributeDefinitions: table.attributes.filter((attribute) => keys.has(attribute.AttributeName)),
            GlobalSecondaryIndexUpdates: [{ Create: index }],
          }),
        );
      } catch (error) {
        // DynamoDB Local with -dbPath (npm run dev) answered InternalFailure to an index created on a table it keeps
        // on disk; in memory it builds it. The store still starts and names what is missing.
        log(
          `Could not add index ${index.IndexName} to ${table.tableName} (${(error as Error).message}): the routes that query it answer 500 until you stop npm run dev and delete .data/.`,
        );
        continue;
      }
      added.push(`${table.tableName}.${index.IndexName}`);
      log(
        `Added index ${index.IndexName} to ${table.tableName} (kept in .data/ from an older version); items written before it are not in it: delete .data/ for a fresh store.`,
      );
    }
  }
  return added;
}

/** The dev store's step: every service's tables on the local DynamoDB. */
export async function upgradeLocalTables(
  services: LocalService[],
  endpoint: string,
  log: (line: string) => void,
): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    return await addMissingIndexes(client, services.flatMap(declaredTables), log);
  } finally {
    client.destroy();
  }
}
