import { accessTokenConfigFromEnv, createAccessTokenVerifier } from '@estore/core/auth';
import { createTestUser, signInDirect } from '../../src';

describe('access tokens from the local user pool', () => {
  const verifier = createAccessTokenVerifier(accessTokenConfigFromEnv());

  it('verify to the user and their groups', async () => {
    const manager = await createTestUser({ groups: ['manage_product_group'] });
    const { accessToken } = await signInDirect(manager.username, manager.password);
    await expect(verifier.verify(accessToken)).resolves.toEqual({
      username: manager.username,
      groups: ['manage_product_group'],
    });
  });

  it('refuse an id token where an access token is required', async () => {
    const customer = await createTestUser();
    const { idToken } = await signInDirect(customer.username, customer.password);
    await expect(verifier.verify(idToken)).rejects.toThrow();
  });

  it('refuse a token whose signature was tampered with', async () => {
    const customer = await createTestUser();
    const { accessToken } = await signInDirect(customer.username, customer.password);
    const [header, payload] = accessToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        'cognito:groups': ['admin_group'],
      }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${forgedPayload}.${accessToken.split('.')[2]}`)).rejects.toThrow();
  });

  it('refuse a token issued to another app client', async () => {
    const customer = await createTestUser();
    const { accessToken } = await signInDirect(customer.username, customer.password);
    const other = createAccessTokenVerifier({ ...accessTokenConfigFromEnv(), clientId: 'another-client' });
    await expect(other.verify(accessToken)).rejects.toThrow();
  });
});
