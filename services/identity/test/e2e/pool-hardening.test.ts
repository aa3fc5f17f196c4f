import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { ApiClient, createTestUser, signInDirect, uniqueName } from '@estore/testkit';

const cognito = createCognitoClient();
const userPoolId = requireEnv('USER_POOL_ID');
const clientId = requireEnv('USER_POOL_CLIENT_ID');

jest.setTimeout(30_000);

function newRegistration() {
  const username = uniqueName('e2e_h_');
  return { username, email: `${username}@example.test`, password: 'secret1', gender: 'other' };
}

/** The writes that would bypass the identity service, and what the local pool is configured to allow. */
describe('the user pool accepts writes only through the service', () => {
  it('is configured for admin-only creation, gender-only self writes and 15-minute tokens', async () => {
    const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    expect(UserPool?.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);
    const { UserPoolClient } = await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
    );
    expect(UserPoolClient?.WriteAttributes).toEqual(['gender']);
    expect([UserPoolClient?.AccessTokenValidity, UserPoolClient?.TokenValidityUnits?.AccessToken]).toEqual([
      15,
      'minutes',
    ]);
  });

  it('issues access tokens that live at most 15 minutes (cognito-local honours the client validity)', async () => {
    const user = await createTestUser({ prefix: 'e2e_h_' });
    const { accessToken } = await signInDirect(user.username, user.password);
    const { iat, exp } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(exp - iat).toBeLessThanOrEqual(15 * 60);
  });

  // Skipped, not removed: cognito-local 5.3 stores AllowAdminCreateUserOnly but its SignUp never
  // reads it. Run against it, this test fails with "promise resolved instead of rejected" (the
  // user is created). Real Cognito answers NotAuthorizedException. Unskip on an emulator that honours it.
  it.skip('refuses SignUp with the public client id (unsupported by cognito-local 5.3: it ignores AllowAdminCreateUserOnly)', async () => {
    const input = newRegistration();
    await expect(
      cognito.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: input.username,
          Password: input.password,
          UserAttributes: [{ Name: 'email', Value: input.email }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  // Skipped, not removed: cognito-local 5.3 stores WriteAttributes but its UpdateUserAttributes
  // never reads it. Run against it, this test fails with "promise resolved instead of rejected"
  // (the email changes). Real Cognito answers NotAuthorizedException.
  it.skip('refuses UpdateUserAttributes of email with the user’s own access token (unsupported by cognito-local 5.3: it ignores WriteAttributes)', async () => {
    const user = await createTestUser({ prefix: 'e2e_h_' });
    const { accessToken } = await signInDirect(user.username, user.password);
    await expect(
      cognito.send(
        new UpdateUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributes: [{ Name: 'email', Value: `${uniqueName('hijack')}@example.test` }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('registration through the gateway', () => {
  it('refuses a password Cognito’s pattern would refuse (leading space) with 400 on password, not 500', async () => {
    const response = await new ApiClient().post<{ error: { code: string; details: Array<{ field: string }> } }>(
      '/register',
      { ...newRegistration(), password: ' secret1' },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.field)).toEqual(['password']);
  });

  it('limits registrations per address: after 5 attempts within the hour, 429 RATE_LIMITED', async () => {
    const first = newRegistration();
    expect((await new ApiClient().post('/register', first)).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await new ApiClient().post('/register', { ...newRegistration(), email: first.email })).status);
    expect(statuses).toEqual([409, 409, 409, 409, 429]);
    const limited = await new ApiClient().post<{ error: { code: string } }>('/register', {
      ...newRegistration(),
      email: first.email,
    });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('treats composed and decomposed forms of an address as one', async () => {
    const local = uniqueName('jos');
    const first = { ...newRegistration(), email: `${local}\u00e9@example.test` };
    expect((await new ApiClient().post('/register', first)).status).toBe(201);
    const copy = await new ApiClient().post<{ error: { code: string } }>('/register', {
      ...newRegistration(),
      email: `${local}e\u0301@EXAMPLE.test`,
    });
    expect([copy.status, copy.body.error.code]).toEqual([409, 'EMAIL_TAKEN']);
  });
});
