import {
  createPaymentProvider,
  loadPaymentSecrets,
  loadProviderSecrets,
  loadWebhookSecret,
  once,
} from '@estore/core/payments';

describe('createPaymentProvider', () => {
  it('picks Stripe when a secret key is configured', () => {
    expect(createPaymentProvider({ stripeSecretKey: 'sk_test_unit', webhookSecret: 'whsec_x' }).name).toBe('stripe');
  });

  it('picks the simulated provider without one', () => {
    expect(createPaymentProvider({ webhookSecret: 'whsec_x' }).name).toBe('simulated');
  });
});

describe('loadPaymentSecrets', () => {
  it('reads both secrets from the environment on the local stage', async () => {
    await expect(
      loadPaymentSecrets({ STAGE: 'local', STRIPE_SECRET_KEY: 'sk_test_local', STRIPE_WEBHOOK_SECRET: 'whsec_local' }),
    ).resolves.toEqual({
      stripeSecretKey: 'sk_test_local',
      webhookSecret: 'whsec_local',
    });
  });

  it('lets the local stage run without a Stripe key (an empty one counts as none)', async () => {
    await expect(
      loadPaymentSecrets({ STAGE: 'local', STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: 'whsec_local' }),
    ).resolves.toEqual({
      stripeSecretKey: undefined,
      webhookSecret: 'whsec_local',
    });
  });

  it('requires the webhook secret', async () => {
    await expect(loadPaymentSecrets({ STAGE: 'local', STRIPE_SECRET_KEY: 'sk_test_local' })).rejects.toThrow(
      /STRIPE_WEBHOOK_SECRET/,
    );
  });

  it('refuses a missing Stripe key outside the local stage', async () => {
    await expect(loadPaymentSecrets({ STAGE: 'dev', STRIPE_WEBHOOK_SECRET: 'whsec_dev' })).rejects.toThrow(
      /only the local stage/,
    );
  });
});

describe('once', () => {
  it('calls the factory once and hands every caller the same value', async () => {
    const factory = jest.fn(async () => ({ created: true }));
    const get = once(factory);
    const [a, b] = await Promise.all([get(), get()]);
    expect(await get()).toBe(a);
    expect(b).toBe(a);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('tries again after the factory rejected, then keeps the value', async () => {
    const factory = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('SSM throttled'))
      .mockResolvedValue('secret');
    const get = once(factory);
    await expect(get()).rejects.toThrow('SSM throttled');
    await expect(get()).resolves.toBe('secret');
    await expect(get()).resolves.toBe('secret');
    expect(factory).toHaveBeenCalledTimes(2);
  });
});

describe('each payment function reads only its own secret', () => {
  it('a provider caller needs the Stripe key alone outside the local stage', async () => {
    await expect(loadProviderSecrets({ STAGE: 'dev', STRIPE_SECRET_KEY: 'sk_test_dev' })).resolves.toEqual({
      stripeSecretKey: 'sk_test_dev',
    });
    await expect(loadProviderSecrets({ STAGE: 'dev', STRIPE_WEBHOOK_SECRET: 'whsec_dev' })).rejects.toThrow(
      'STRIPE_SECRET_KEY_PARAMETER',
    );
  });

  it('the local stage without a key runs the simulated provider, which signs with the webhook secret', async () => {
    await expect(loadProviderSecrets({ STAGE: 'local', STRIPE_WEBHOOK_SECRET: 'whsec_local' })).resolves.toEqual({
      webhookSecret: 'whsec_local',
    });
  });

  it('the webhook needs the signing secret alone', async () => {
    await expect(loadWebhookSecret({ STAGE: 'dev', STRIPE_WEBHOOK_SECRET: 'whsec_dev' })).resolves.toBe('whsec_dev');
    await expect(loadWebhookSecret({ STAGE: 'dev', STRIPE_SECRET_KEY: 'sk_test_dev' })).rejects.toThrow(
      'STRIPE_WEBHOOK_SECRET',
    );
  });
});
