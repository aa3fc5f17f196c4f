import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { parseSecretsFile, putSecrets, secretParameters } from '../secrets';

const key = 'sk_test_51abcDEF';
const hook = 'whsec_abc123';

describe('npm run secrets', () => {
  test('reads a JSON file or an .env-style file', () => {
    expect(parseSecretsFile(JSON.stringify({ STRIPE_SECRET_KEY: key }))).toEqual({ STRIPE_SECRET_KEY: key });
    expect(parseSecretsFile(`# stripe\nSTRIPE_SECRET_KEY=${key}\nSTRIPE_WEBHOOK_SECRET="${hook}"\n`)).toEqual({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook });
  });

  test("names the stage's parameters where the functions read them", () => {
    expect(secretParameters('dev', { STRIPE_SECRET_KEY: key, 'stripe-webhook-secret': hook })).toEqual([
      { Name: '/estore/dev/payment/stripe-secret-key', Value: key },
      { Name: '/estore/dev/payment/stripe-webhook-secret', Value: hook },
    ]);
  });

  test('refuses a missing secret, an unknown key, a malformed value, a test key in prod, the local stage', () => {
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: key })).toThrow(/STRIPE_WEBHOOK_SECRET is missing/);
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook, OTHER: 'x' })).toThrow(/Unknown secrets: OTHER/);
    expect(() => secretParameters('dev', { STRIPE_SECRET_KEY: 'pk_test_1', STRIPE_WEBHOOK_SECRET: hook })).toThrow(/secret key/);
    expect(() => secretParameters('prod', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook })).toThrow(/live Stripe key/);
    expect(() => secretParameters('local', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook })).toThrow(/not a deployable stage/);
  });

  test('stores each as a SecureString, replacing an older value', async () => {
    const sent: PutParameterCommand[] = [];
    await putSecrets({ send: async (command: unknown) => sent.push(command as PutParameterCommand) } as never, secretParameters('dev', { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: hook }));
    expect(sent.map((command) => command.input)).toEqual([
      expect.objectContaining({ Name: '/estore/dev/payment/stripe-secret-key', Type: 'SecureString', Overwrite: true }),
      expect.objectContaining({ Name: '/estore/dev/payment/stripe-webhook-secret', Type: 'SecureString', Overwrite: true }),
    ]);
  });
});
