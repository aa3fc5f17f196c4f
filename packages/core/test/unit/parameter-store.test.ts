import { GetParameterCommand, SSMClient, type GetParameterCommandInput } from '@aws-sdk/client-ssm';
import { SecureStringProvider, readSecureString } from '@estore/core/aws';

/** A real SSM client whose requests stop in its middleware stack, answering `values` in turn. */
function answeringClient(values: Array<string | undefined>) {
  const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const sent: GetParameterCommandInput[] = [];
  client.middlewareStack.add(
    () => async (args) => {
      sent.push(args.input as GetParameterCommandInput);
      const value = values[sent.length - 1];
      return { output: { $metadata: {}, Parameter: value === undefined ? undefined : { Name: 'n', Value: value } }, response: {} };
    },
    { step: 'initialize', name: 'answerInTest' },
  );
  return { client, sent };
}

describe('readSecureString', () => {
  afterEach(() => jest.restoreAllMocks());

  it('asks SSM for the decrypted value of one parameter by name', async () => {
    const { client, sent } = answeringClient(['s3cr3t']);
    await expect(readSecureString('/estore/dev/key', 300, new SecureStringProvider(client))).resolves.toBe('s3cr3t');
    expect(sent).toEqual([{ Name: '/estore/dev/key', WithDecryption: true }]);
  });

  it('reads a parameter once within its max age, then again once it expired', async () => {
    const { client, sent } = answeringClient(['first', 'second']);
    const provider = new SecureStringProvider(client);
    await readSecureString('/k', 300, provider);
    await expect(readSecureString('/k', 300, provider)).resolves.toBe('first');
    expect(sent).toHaveLength(1);
    const later = Date.now() + 301_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    await expect(readSecureString('/k', 300, provider)).resolves.toBe('second');
    expect(sent).toHaveLength(2);
  });

  it('fails fast on an empty or valueless parameter instead of handing out an empty secret', async () => {
    await expect(readSecureString('/empty', 300, new SecureStringProvider(answeringClient(['']).client))).rejects.toThrow('SSM parameter /empty is empty');
    await expect(readSecureString('/none', 300, new SecureStringProvider(answeringClient([undefined]).client))).rejects.toThrow('SSM parameter /none is empty');
  });

  it('sends nothing but GetParameter', async () => {
    const { client } = answeringClient(['v']);
    const send = jest.spyOn(client, 'send');
    await readSecureString('/k', 300, new SecureStringProvider(client));
    expect(send.mock.calls.map(([command]) => command.constructor)).toEqual([GetParameterCommand]);
  });
});
