import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createEventBridgeClient } from '@estore/core/aws';
import { EventPublisher } from '@estore/core/events';

describe('AWS clients against the local emulators', () => {
  const doc = createDynamoDbDocumentClient();
  const table = `estore-core-it-${Date.now()}`;

  beforeAll(async () => {
    await doc.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  });

  afterAll(async () => {
    await doc.send(new DeleteTableCommand({ TableName: table }));
  });

  it('writes and reads an item through the document client on DynamoDB Local', async () => {
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'a', price: 1999, note: undefined } }));
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'a' } }));
    expect(Item).toEqual({ pk: 'a', price: 1999 });
  });

  it('publishes an event to the local EventBridge mock', async () => {
    const publisher = new EventPublisher(createEventBridgeClient(), 'estore-local', 'estore.order');
    await expect(
      publisher.publish('OrderPlaced', {
        eventId: 'evt-1',
        orderId: 'o-1',
        user: 'alice',
        amount: 1999,
        currency: 'usd',
        occurredAt: new Date().toISOString(),
      }),
    ).resolves.toBeUndefined();
  });
});
