import { GetParameterCommand, type GetParameterCommandInput, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { MissingParameterError, prefetchSecureString, readSecureString, SecureStringProvider } from '@estore/core/aws';
import { logger } from '@estore/core/logger';

type Answer = string | undefined | Error;

const notFound = () => new ParameterNotFound({ message: '', $metadata: { httpStatusCode: 400 } });

/**
 * A real SSM client whose requests stop in its middleware stack, answering `answers` in turn (an
 * Error is thrown, as SSM's would be). `hold` keeps each answer back until `release()`.
 */
function answeringClient(answers: Answer[], { hold = false } = {}) {
  const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const sent: GetParameterCommandInput[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  client.middlewareStack.add(
    () => async (args) => {
      sent.push(args.input as GetParameterCommandInput);
      const answer = answers[sent.length - 1];
      if (hold) await held;
      if (answer instanceof Error) throw answer;
      return {
        output: { $metadata: {}, Parameter: answer === undefined ? undefined : { Name: 'n', Value: answer } },
        response: {},
      };
    },
    { step: 'initialize', name: 'answerInTest' },
  );
  return { client, sent, release: () => release() };
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

  it('sends one request for reads of the same parameter in flight together', async () => {
    const { client, sent, release } = answeringClient(['shared'], { hold: true });
    const provider = new SecureStringProvider(client);
    const reads = Promise.all([readSecureString('/k', 300, provider), readSecureString('/k', 300, provider)]);
    release();
    await expect(reads).resolves.toEqual(['shared', 'shared']);
    expect(sent).toHaveLength(1);
  });

  it('fails fast on an empty or valueless parameter instead of handing out an empty secret', async () => {
    await expect(
      readSecureString('/empty', 300, new SecureStringProvider(answeringClient(['']).client)),
    ).rejects.toThrow('SSM parameter /empty is empty');
    await expect(
      readSecureString('/none', 300, new SecureStringProvider(answeringClient([undefined]).client)),
    ).rejects.toThrow('SSM parameter /none is empty');
  });

  it('logs the name of a parameter that does not exist, with how to create it, and rejects with an error naming it', async () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const read = readSecureString(
      '/estore/dev/cursor-signing-key',
      300,
      new SecureStringProvider(answeringClient([notFound()]).client),
    );
    await expect(read).rejects.toThrow(MissingParameterError);
    await expect(read).rejects.toThrow(
      'SSM parameter /estore/dev/cursor-signing-key does not exist: run `npm run secrets -- --stage dev`',
    );
    await expect(read).rejects.toMatchObject({
      parameter: '/estore/dev/cursor-signing-key',
      cause: expect.objectContaining({ name: 'GetParameterError' }),
    });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      'SSM parameter /estore/dev/cursor-signing-key does not exist',
      expect.objectContaining({
        parameter: '/estore/dev/cursor-signing-key',
        hint: expect.stringContaining('npm run secrets -- --stage dev'),
      }),
    );
  });

  it('logs an empty parameter by name too', async () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    await expect(
      readSecureString(
        '/estore/prod/payment/stripe-secret-key',
        300,
        new SecureStringProvider(answeringClient(['']).client),
      ),
    ).rejects.toThrow(MissingParameterError);
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('/estore/prod/payment/stripe-secret-key is empty'),
      expect.objectContaining({ hint: expect.stringContaining('--stage prod') }),
    );
  });

  it('passes any other failure on as it is, without calling the parameter missing', async () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const denied = Object.assign(new Error('not authorized to perform ssm:GetParameter'), {
      name: 'AccessDeniedException',
    });
    const read = readSecureString('/k', 300, new SecureStringProvider(answeringClient([denied]).client));
    await expect(read).rejects.toThrow(/not authorized/);
    await expect(read).rejects.not.toThrow(MissingParameterError);
    expect(error).not.toHaveBeenCalled();
  });

  it('asks SSM again after a missing parameter, so a parameter created later is found without a redeploy', async () => {
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const { client, sent } = answeringClient([notFound(), 'created-since']);
    const provider = new SecureStringProvider(client);
    await expect(readSecureString('/k', 300, provider)).rejects.toThrow(MissingParameterError);
    await expect(readSecureString('/k', 300, provider)).resolves.toBe('created-since');
    expect(sent).toHaveLength(2);
  });

  it('sends nothing but GetParameter', async () => {
    const { client } = answeringClient(['v']);
    const send = jest.spyOn(client, 'send');
    await readSecureString('/k', 300, new SecureStringProvider(client));
    expect(send.mock.calls.map(([command]) => command.constructor)).toEqual([GetParameterCommand]);
  });
});

describe('prefetchSecureString', () => {
  afterEach(() => jest.restoreAllMocks());

  it('starts the read at once, and the first use joins it rather than asking again', async () => {
    const { client, sent, release } = answeringClient(['early'], { hold: true });
    const provider = new SecureStringProvider(client);
    const prefetched = prefetchSecureString('/k', 300, provider);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([{ Name: '/k', WithDecryption: true }]);
    const used = readSecureString('/k', 300, provider);
    release();
    await expect(used).resolves.toBe('early');
    await expect(prefetched).resolves.toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it('never rejects: a missing parameter is logged by name, and the first use asks again', async () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const { client, sent } = answeringClient([notFound(), 'created-since']);
    const provider = new SecureStringProvider(client);
    await expect(prefetchSecureString('/estore/dev/cursor-signing-key', 300, provider)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('/estore/dev/cursor-signing-key'),
      expect.objectContaining({ parameter: '/estore/dev/cursor-signing-key' }),
    );
    await expect(readSecureString('/estore/dev/cursor-signing-key', 300, provider)).resolves.toBe('created-since');
    expect(sent).toHaveLength(2);
  });

  it('logs any other failure as a warning naming the parameter', async () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await expect(
      prefetchSecureString('/k', 300, new SecureStringProvider(answeringClient([throttled]).client)),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      'SSM parameter not read at cold start',
      expect.objectContaining({ parameter: '/k' }),
    );
  });
});

/**
 * The functions that read parameters start reading them as their modules load. Each case loads the
 * modules afresh with the function's environment and records what the (shared) SSM client sends.
 */
describe('reading parameters at cold start', () => {
  const added: string[] = [];
  afterEach(() => {
    for (const name of added.splice(0)) delete process.env[name];
    jest.restoreAllMocks();
  });

  function coldStart(env: Record<string, string>, load: () => void) {
    for (const [name, value] of Object.entries(env)) {
      if (process.env[name] === undefined) added.push(name);
      process.env[name] = value;
    }
    const sent: string[] = [];
    const errors: unknown[][] = [];
    jest.isolateModules(() => {
      // The copies the freshly loaded modules use, not the ones imported at the top of this file.
      const ssm = jest.requireActual<typeof import('@aws-sdk/client-ssm')>('@aws-sdk/client-ssm');
      jest.spyOn(ssm.SSMClient.prototype, 'send').mockImplementation(async (command) => {
        sent.push((command.input as GetParameterCommandInput).Name!);
        throw new ssm.ParameterNotFound({ message: '', $metadata: {} });
      });
      const isolatedLogger = jest.requireActual<typeof import('@estore/core/logger')>('@estore/core/logger').logger;
      jest.spyOn(isolatedLogger, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
      load();
    });
    return { sent, errors };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('a listing function asks for the cursor signing key when its module loads, and logs it missing', async () => {
    const { sent, errors } = coldStart({ CURSOR_SIGNING_KEY_PARAMETER: '/estore/dev/cursor-signing-key' }, () =>
      require('@estore/core/pagination'),
    );
    await settle();
    expect(sent).toEqual(['/estore/dev/cursor-signing-key']);
    expect(errors).toEqual([
      [
        'SSM parameter /estore/dev/cursor-signing-key does not exist',
        expect.objectContaining({ parameter: '/estore/dev/cursor-signing-key' }),
      ],
    ]);
  });

  it('a payment function asks for both Stripe secrets when its module loads', async () => {
    const { sent, errors } = coldStart(
      {
        STRIPE_SECRET_KEY_PARAMETER: '/estore/dev/payment/stripe-secret-key',
        STRIPE_WEBHOOK_SECRET_PARAMETER: '/estore/dev/payment/stripe-webhook-secret',
      },
      () => require('@estore/core/payments'),
    );
    await settle();
    expect(sent.sort()).toEqual(['/estore/dev/payment/stripe-secret-key', '/estore/dev/payment/stripe-webhook-secret']);
    expect(errors.map(([message]) => message).sort()).toEqual([
      'SSM parameter /estore/dev/payment/stripe-secret-key does not exist',
      'SSM parameter /estore/dev/payment/stripe-webhook-secret does not exist',
    ]);
  });

  it('reads nothing when the values come from the environment (the local stage)', () => {
    const { sent } = coldStart(
      { CURSOR_SIGNING_KEY: 'a-local-development-key', STRIPE_WEBHOOK_SECRET: 'whsec_local' },
      () => {
        require('@estore/core/pagination');
        require('@estore/core/payments');
      },
    );
    expect(sent).toEqual([]);
  });
});
