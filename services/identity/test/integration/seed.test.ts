import { AdminListGroupsForUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoClient, createDynamoDbDocumentClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { signInDirect } from '@estore/testkit';
import { ensureDemoUsers } from '../../scripts/demo-users';
import { identityTableName } from '../../src/config';
import { EmailClaimRepository } from '../../src/repositories/email-claims';
import { UserPoolRepository } from '../../src/repositories/user-pool';

const cognito = createCognitoClient();
const userPoolId = requireEnv('USER_POOL_ID');
const claims = new EmailClaimRepository(createDynamoDbDocumentClient(), identityTableName(requireEnv('STAGE')));

describe('demo user seeding', () => {
  it('is idempotent: seeding again leaves admin and user signing in with 123456, verified, in their groups', async () => {
    await ensureDemoUsers(cognito, userPoolId, claims);
    await ensureDemoUsers(cognito, userPoolId, claims);
    const groupsOf = async (username: string) =>
      (
        (await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username })))
          .Groups ?? []
      )
        .map((g) => g.GroupName)
        .sort();
    await expect(groupsOf('admin')).resolves.toEqual(['admin_group', 'manage_order_group', 'manage_product_group']);
    await expect(groupsOf('user')).resolves.toEqual(['manage_product_group']);
    await expect(groupsOf('staff')).resolves.toEqual(['manage_order_group']);
    await expect(signInDirect('admin', '123456')).resolves.toHaveProperty('accessToken');
    await expect(signInDirect('user', '123456')).resolves.toHaveProperty('accessToken');
    const users = new UserPoolRepository(cognito, userPoolId, requireEnv('USER_POOL_CLIENT_ID'));
    await expect(users.profile('admin')).resolves.toMatchObject({ email: 'admin@estore.local', emailVerified: true });
  });

  it('claims the demo emails, so nobody can register them and login by email finds the user', async () => {
    await expect(claims.usernameFor('admin@estore.local', Math.floor(Date.now() / 1000))).resolves.toBe('admin');
    await expect(claims.usernameFor('user@estore.local', Math.floor(Date.now() / 1000))).resolves.toBe('user');
    await expect(claims.claim('admin@estore.local', 'intruder', Math.floor(Date.now() / 1000))).resolves.toBe('taken');
  });
});
