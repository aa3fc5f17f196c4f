import { AdminListGroupsForUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { createTestUser } from '@estore/testkit';
import { ensureLocalUserPool } from '../../lib/cognito-setup';

describe('ensuring the local user pool at every start', () => {
  it('finds the existing pool and client and keeps group members', async () => {
    const manager = await createTestUser({ groups: ['manage_product_group'] });

    const identity = await ensureLocalUserPool();

    expect(identity).toEqual({
      userPoolId: requireEnv('USER_POOL_ID'),
      userPoolClientId: requireEnv('USER_POOL_CLIENT_ID'),
    });
    const { Groups } = await createCognitoClient().send(
      new AdminListGroupsForUserCommand({ UserPoolId: identity.userPoolId, Username: manager.username }),
    );
    expect(Groups?.map((group) => group.GroupName)).toEqual(['manage_product_group']);
  });
});
