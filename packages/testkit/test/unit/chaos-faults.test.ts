import {
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { addAwsFaults, answerInMemory, FaultPlan, MailOutbox, Prng, SimulatedCrash } from '../../src/chaos';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A DynamoDB client that never reaches the network: every operation answered in memory, counted. */
function offlineDynamoDb(plan: FaultPlan) {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials });
  const landed: string[] = [];
  addAwsFaults(client, 'dynamodb', plan);
  for (const operation of ['GetItem', 'TransactWriteItems']) {
    answerInMemory(client, operation, async () => {
      landed.push(operation);
      return { $metadata: {} };
    });
  }
  return { client, landed };
}

const transaction = new TransactWriteItemsCommand({
  TransactItems: [
    { ConditionCheck: { TableName: 't', Key: { PK: { S: 'a' } }, ConditionExpression: 'attribute_exists(PK)' } },
    { ConditionCheck: { TableName: 't', Key: { PK: { S: 'b' } }, ConditionExpression: 'attribute_exists(PK)' } },
  ],
});

describe('the fault plan', () => {
  it('never faults a call made outside an invocation', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'dynamodb:GetItem', kind: 'throttle', probability: 1 }]);
    const { client, landed } = offlineDynamoDb(plan);
    await client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } }));
    expect(landed).toEqual(['GetItem']);
    expect(plan.struck).toEqual([]);
  });

  it('throttles the nth call of a point as DynamoDB does, and lets the others through', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'dynamodb:GetItem', kind: 'throttle', nth: [2] }]);
    const { client, landed } = offlineDynamoDb(plan);
    const get = () => client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } }));
    await plan.invoke('reader', async () => {
      await get();
      const error = await get().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
      expect((error as ProvisionedThroughputExceededException).$metadata.httpStatusCode).toBe(400);
      await get();
    });
    expect(landed).toEqual(['GetItem', 'GetItem']);
  });

  it('cancels a transaction with one TransactionConflict reason per action', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'dynamodb:TransactWriteItems', kind: 'conflict', probability: 1 }]);
    const { client, landed } = offlineDynamoDb(plan);
    const error = await plan.invoke('checkout', () => client.send(transaction)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code)).toEqual([
      'TransactionConflict',
      'None',
    ]);
    expect(landed).toEqual([]);
  });

  it('faults only the invocations a rule names', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'dynamodb:GetItem', kind: 'server-error', probability: 1, invocation: 'sweep' }]);
    const { client } = offlineDynamoDb(plan);
    const get = () => client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } }));
    await expect(plan.invoke('webhook', get)).resolves.toBeDefined();
    await expect(plan.invoke('sweep', get)).rejects.toMatchObject({ name: 'InternalServerError' });
  });

  it('lets a crash-after call land, then fails every later call of that invocation before it happens', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'dynamodb:TransactWriteItems', kind: 'crash-after', nth: [1] }]);
    const { client, landed } = offlineDynamoDb(plan);
    const crashed = await plan
      .invoke('checkout', async () => {
        await client.send(transaction).catch(() => undefined);
        await client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } }));
      })
      .catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(SimulatedCrash);
    expect(landed).toEqual(['TransactWriteItems']);
    // A new invocation (the retry) runs normally.
    await plan.invoke('checkout', () => client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } })));
    expect(landed).toEqual(['TransactWriteItems', 'GetItem']);
  });

  it('counts the calls each invocation made, faulted or not', async () => {
    const plan = new FaultPlan(new Prng(1));
    const { client } = offlineDynamoDb(plan);
    await plan.invoke('sweep', () => client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } })));
    expect(plan.callCounts('sweep')).toEqual({ 'dynamodb:GetItem': 1 });
    plan.resetCounts();
    expect(plan.callCounts('sweep')).toEqual({});
  });
});

describe('EventBridge and SES faults', () => {
  it('throttles PutEvents with EventBridge’s error name before the event is published', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'eventbridge:PutEvents', kind: 'throttle', probability: 1 }]);
    const client = new EventBridgeClient({ region: 'us-east-1', credentials });
    addAwsFaults(client, 'eventbridge', plan);
    const published: unknown[] = [];
    answerInMemory(client, 'PutEvents', async (input) => {
      published.push(input);
      return { $metadata: {}, FailedEntryCount: 0 };
    });
    const error = await plan
      .invoke('publisher', () => client.send(new PutEventsCommand({ Entries: [{ Detail: '{}' }] })))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(published).toEqual([]);
  });

  it('marks the email SES accepted right before its sender crashed', async () => {
    const plan = new FaultPlan(new Prng(1));
    plan.use([{ point: 'ses:SendEmail', kind: 'crash-after', nth: [1] }]);
    const ses = new SESv2Client({ region: 'us-east-1', credentials });
    addAwsFaults(ses, 'ses', plan);
    const outbox = new MailOutbox();
    outbox.attach(ses);
    plan.onCrash.push((point) => point === 'ses:SendEmail' && outbox.markLastCrashed());
    const email = (subject: string) =>
      new SendEmailCommand({
        Destination: { ToAddresses: ['a@example.com'] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'hi' } } } },
      });
    await plan.invoke('mailer', () => ses.send(email('first'))).catch(() => undefined);
    await plan.invoke('mailer', () => ses.send(email('second')));
    expect(outbox.sent.map(({ subject, crashedAfter }) => ({ subject, crashedAfter }))).toEqual([
      { subject: 'first', crashedAfter: true },
      { subject: 'second', crashedAfter: undefined },
    ]);
  });
});
