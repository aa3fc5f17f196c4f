import {
  GetParameterCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { managedParameters } from '../lib/parameters';
import { ensureCursorSigningKey, parseSecretsFile, putSecrets, runSecrets, secretParameters } from '../secrets';

const key = 'sk_test_51abcDEF';
const hook = 'whsec_abc123';
const cursorKey = '/estore/dev/cursor-signing-key';

type Command = GetParameterCommand | PutParameterCommand;

/**
 * An SSM client that records every command and keeps parameters in a map, answering as SSM does:
 * ParameterNotFound for an unknown name, ParameterAlreadyExists for a create over an existing one.
 * `createdMeanwhile` plays another run creating the parameter between our read and our write.
 */
function fakeSsm(existing: Record<string, string> = {}, options: { createdMeanwhile?: boolean } = {}) {
  const stored = new Map(Object.entries(existing));
  const sent: Command[] = [];
  const send = async (command: Command) => {
    sent.push(command);
    const name = command.input.Name!;
    if (command instanceof GetParameterCommand) {
      if (!stored.has(name)) throw new ParameterNotFound({ message: '', $metadata: {} });
      return {
        Parameter: {
          Name: name,
          Type: 'SecureString',
          Value: command.input.WithDecryption ? stored.get(name) : 'AQICAH...encrypted',
        },
      };
    }
    if (options.createdMeanwhile) stored.set(name, 'their-key');
    if (stored.has(name) && !command.input.Overwrite) throw new ParameterAlreadyExists({ message: '', $metadata: {} });
    stored.set(name, command.input.Value!);
    return { Version: 1 };
  };
  return { client: { send } as never, sent, stored };
}

/** Runs the command as `npm run secrets` would, with a fake client and file, and what it printed. */
async function run(args: string[], ssm = fakeSsm(), files: Record<string, string> = {}) {
  const printed: string[] = [];
  const regions: string[] = [];
  await runSecrets(
    args,
    {
      client: (region) => {
        regions.push(region);
        return ssm.client;
      },
      readFile: (path) => files[path] ?? '',
      write: (line) => printed.push(line),
    },
    {},
  );
  return { ...ssm, printed: printed.join('\n'), regions };
}

const stripeFile = { 'secrets.dev.json': JSON.stringify({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook }) };
const puts = (sent: Command[]) =>
  sent
    .filter((command): command is PutParameterCommand => command instanceof PutParameterCommand)
    .map((command) => command.input);

describe('npm run secrets', () => {
  test('reads a JSON file or an .env-style file', () => {
    expect(parseSecretsFile(JSON.stringify({ STRIPE_SECRET_KEY: key }))).toEqual({ STRIPE_SECRET_KEY: key });
    expect(parseSecretsFile(`# stripe\nSTRIPE_SECRET_KEY=${key}\nSTRIPE_WEBHOOK_SECRET="${hook}"\n`)).toEqual({
      STRIPE_SECRET_KEY: key,
      STRIPE_WEBHOOK_SECRET: hook,
    });
  });

  test("names the stage's parameters where the functions read them", () => {
    expect(secretParameters('dev', { STRIPE_SECRET_KEY: key, 'stripe-webhook-secret': hook })).toEqual([
      { Name: '/estore/dev/payment/stripe-secret-key', Value: key },
      { Name: '/estore/dev/payment/stripe-webhook-secret', Value: hook },
    ]);
  });

  test('refuses a missing secret, an unknown key, a malformed value, a test key in prod, the local stage', () => {
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: key })).toThrow(/STRIPE_WEBHOOK_SECRET is missing/);
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook, OTHER: 'x' })).toThrow(
      /Unknown secrets: OTHER/,
    );
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: 'pk_test_1', STRIPE_WEBHOOK_SECRET: hook })).toThrow(
      /secret key/,
    );
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: 'wh_1' })).toThrow(
      /webhook signing secret/,
    );
    expect(() => secretParameters('prod', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook })).toThrow(
      /live Stripe key/,
    );
    expect(() => secretParameters('local', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook })).toThrow(
      /not a deployable stage/,
    );
  });

  test('stores each as a SecureString, replacing an older value', async () => {
    const { client, sent } = fakeSsm();
    await putSecrets(client, secretParameters('dev', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook }));
    expect(puts(sent)).toEqual([
      expect.objectContaining({ Name: '/estore/dev/payment/stripe-secret-key', Type: 'SecureString', Overwrite: true }),
      expect.objectContaining({
        Name: '/estore/dev/payment/stripe-webhook-secret',
        Type: 'SecureString',
        Overwrite: true,
      }),
    ]);
  });

  test('manages exactly the parameters it writes: the Stripe secrets and the cursor signing key', async () => {
    const { stored } = await run(['--stage', 'dev', '--file', 'secrets.dev.json'], fakeSsm(), stripeFile);
    expect([...stored.keys()].sort()).toEqual(managedParameters('dev').sort());
    expect(managedParameters('prod')).toEqual([
      '/estore/prod/payment/stripe-secret-key',
      '/estore/prod/payment/stripe-webhook-secret',
      '/estore/prod/cursor-signing-key',
    ]);
  });
});

describe('the cursor signing key', () => {
  test('is generated when the stage has none: 32 random bytes, base64url, created without overwriting', async () => {
    const { sent, stored } = await run(['--stage', 'dev']);
    expect(sent[0]).toBeInstanceOf(GetParameterCommand);
    expect(sent[0]!.input).toEqual({ Name: cursorKey });
    expect(puts(sent)).toEqual([
      expect.objectContaining({ Name: cursorKey, Type: 'SecureString', Overwrite: false, Tier: 'Standard' }),
    ]);
    const generated = stored.get(cursorKey)!;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(generated, 'base64url')).toHaveLength(32);
  });

  test('is a new random value each time one is generated', async () => {
    const first = (await run(['--stage', 'dev'])).stored.get(cursorKey);
    const second = (await run(['--stage', 'dev'])).stored.get(cursorKey);
    expect(first).not.toBe(second);
  });

  test('is left alone when it exists, without decrypting it, since a new key invalidates outstanding cursors', async () => {
    const { sent, stored, printed } = await run(
      ['--stage', 'dev'],
      fakeSsm({ [cursorKey]: 'the-existing-signing-key' }),
    );
    expect(puts(sent)).toEqual([]);
    expect(sent.map((command) => command.input)).toEqual([{ Name: cursorKey }]);
    expect(stored.get(cursorKey)).toBe('the-existing-signing-key');
    expect(printed).toMatch(/kept the existing \/estore\/dev\/cursor-signing-key/);
  });

  test('keeps the key another run created between the read and the write', async () => {
    const ssm = fakeSsm({}, { createdMeanwhile: true });
    await expect(ensureCursorSigningKey(ssm.client, 'dev')).resolves.toBe('kept');
    expect(ssm.stored.get(cursorKey)).toBe('their-key');
  });

  test('is replaced with a new one on --rotate-cursor-key', async () => {
    const { sent, stored, printed } = await run(
      ['--stage', 'dev', '--rotate-cursor-key'],
      fakeSsm({ [cursorKey]: 'the-existing-signing-key' }),
    );
    expect(puts(sent)).toEqual([expect.objectContaining({ Name: cursorKey, Type: 'SecureString', Overwrite: true })]);
    expect(stored.get(cursorKey)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(printed).toMatch(/rotated \/estore\/dev\/cursor-signing-key.*answer 400/);
    expect(printed).toMatch(/redeploy/);
  });

  test('fails on any other SSM error rather than overwriting blindly', async () => {
    const denied = Object.assign(new Error('not authorized to perform ssm:GetParameter'), {
      name: 'AccessDeniedException',
    });
    const sent: Command[] = [];
    const client = { send: async (command: Command) => sent.push(command) && Promise.reject(denied) } as never;
    await expect(ensureCursorSigningKey(client, 'dev')).rejects.toThrow(/not authorized/);
    expect(sent).toHaveLength(1);
  });
});

describe('running npm run secrets', () => {
  test('stores the file and generates the key, and never prints a value', async () => {
    const { stored, printed, regions } = await run(
      ['--stage', 'dev', '--file', 'secrets.dev.json', '--region', 'eu-west-1'],
      fakeSsm(),
      stripeFile,
    );
    expect(regions).toEqual(['eu-west-1']);
    expect(stored.get('/estore/dev/payment/stripe-secret-key')).toBe(key);
    expect(stored.get('/estore/dev/payment/stripe-webhook-secret')).toBe(hook);
    for (const value of stored.values()) expect(printed).not.toContain(value);
    expect(printed).toContain('stored /estore/dev/payment/stripe-secret-key (SecureString, eu-west-1)');
    expect(printed).toContain(`generated ${cursorKey} (SecureString, eu-west-1)`);
  });

  test('without --file only ensures the cursor key, leaving the Stripe secrets as they are', async () => {
    const { sent, printed } = await run(['--stage', 'dev'], fakeSsm({ '/estore/dev/payment/stripe-secret-key': key }));
    expect(sent.every((command) => command.input.Name === cursorKey)).toBe(true);
    expect(printed).toMatch(/no --file/);
  });

  test('validates everything before writing anything', async () => {
    const ssm = fakeSsm();
    const bad = { 'bad.json': JSON.stringify({ STRIPE_SECRET_KEY: key }) };
    await expect(run(['--stage', 'dev', '--file', 'bad.json'], ssm, bad)).rejects.toThrow(
      /STRIPE_WEBHOOK_SECRET is missing/,
    );
    await expect(run(['--stage', 'local'], ssm)).rejects.toThrow(/not a deployable stage/);
    expect(ssm.sent).toEqual([]);
  });

  test('shows the usage without a stage, on an unknown option, or an option missing its value', async () => {
    await expect(run([])).rejects.toThrow(/usage: npm run secrets -- --stage <stage> \[--file/);
    await expect(run(['--stage', 'dev', '--rotate'])).rejects.toThrow(/Unknown option '--rotate'[\s\S]*usage/);
    await expect(run(['--stage', 'dev', '--file', '--rotate-cursor-key'])).rejects.toThrow(/--file[\s\S]*usage/);
  });
});
