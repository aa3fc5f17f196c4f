import { DescribeTableCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '@estore/core/aws';
import { createScratchTable, tableShape } from '@estore/testkit';
import { addMissingIndexes, declaredTables } from '../../lib/local-indexes';
import { readServices } from '../../lib/topology';

// A `.data/` kept from an older checkout: the orders table as it was before the staff indexes.
describe('adding the indexes a kept local table lacks', () => {
  const client = createDynamoDbClient();
  const order = readServices().find((service) => service.name === 'order')!;
  const declared = declaredTables(order).find((table) => table.tableName === 'estore-order-local-orders')!;
  const shape = tableShape('order', 'OrdersTable');
  let scratch: Awaited<ReturnType<typeof createScratchTable>>;

  beforeAll(async () => {
    const byUser = shape.GlobalSecondaryIndexes!.filter((index) => index.IndexName === 'byUser');
    const used = new Set(['PK', 'SK', 'userPk', 'userSk']);
    scratch = await createScratchTable(
      client,
      {
        KeySchema: shape.KeySchema,
        AttributeDefinitions: shape.AttributeDefinitions!.filter((a) => used.has(a.AttributeName!)),
        GlobalSecondaryIndexes: byUser,
      },
      'old-orders',
    );
  });
  afterAll(() => scratch.drop());

  it('names the local tables the services create, not the ones they only use', () => {
    const names = readServices()
      .flatMap(declaredTables)
      .map((table) => table.tableName);

    expect(names.sort()).toEqual([
      'estore-catalog-local-products',
      'estore-identity-local-identity',
      'estore-order-local-idempotency',
      'estore-order-local-orders',
      'estore-payment-local-payments',
    ]);
  });

  it('adds every missing index once, and a second start adds nothing', async () => {
    const table = { ...declared, tableName: scratch.tableName };
    const lines: string[] = [];

    const added = await addMissingIndexes(client, [table], (line) => lines.push(line));
    const again = await addMissingIndexes(client, [table], () => undefined);

    const declaredNames = declared.indexes.map((index) => index.IndexName);
    expect(added).toEqual(declaredNames.filter((name) => name !== 'byUser').map((n) => `${scratch.tableName}.${n}`));
    expect(lines.join('\n')).toContain('delete .data/');
    expect(again).toEqual([]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: scratch.tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([...declaredNames].sort());
  }, 60_000); // DynamoDB Local builds each index in turn: over 5 s on a machine busy with the other suites

  it('serves a Query on an index it added (in memory; on disk DynamoDB Local refuses, see local-indexes.ts)', async () => {
    await client.send(
      new PutItemCommand({
        TableName: scratch.tableName,
        Item: { PK: { S: 'ORDER#1' }, SK: { S: 'ORDER' }, shardPk: { S: 'SHARD#0' }, userSk: { S: '2026-12-04' } },
      }),
    );

    const { Items } = await client.send(
      new QueryCommand({
        TableName: scratch.tableName,
        IndexName: 'byShard',
        KeyConditionExpression: 'shardPk = :shard',
        ExpressionAttributeValues: { ':shard': { S: 'SHARD#0' } },
      }),
    );

    expect(Items?.map((item) => item.PK.S)).toEqual(['ORDER#1']);
  });
});
