import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Group } from '@estore/core/http';
import type { EmailClaimRepository } from '../src/repositories/email-claims';

/**
 * The demo accounts of the contract, with a published password: on any deployed stage (dev
 * included, it is reachable from the internet) they would be a backdoor, so only `local` gets
 * them. A deployed stage gets its first admin from `npm run create-admin` (docs/identity.md).
 */
export const SEEDED_STAGES = ['local'];
export const DEMO_PASSWORD = '123456';
export const DEMO_USERS: Array<{ username: string; email: string; groups: Group[] }> = [
  {
    username: 'admin',
    email: 'admin@estore.local',
    groups: ['admin_group', 'manage_product_group', 'manage_order_group'],
  },
  { username: 'user', email: 'user@estore.local', groups: ['manage_product_group'] },
  { username: 'staff', email: 'staff@estore.local', groups: ['manage_order_group'] },
];

/**
 * Creates the demo users or brings them back to their seeded state (password, verified email,
 * groups, email claim); running it again changes nothing.
 */
export async function ensureDemoUsers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  claims: Pick<EmailClaimRepository, 'ensureActive'>,
): Promise<void> {
  for (const demo of DEMO_USERS) {
    const attributes = [
      { Name: 'email', Value: demo.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'gender', Value: 'other' },
    ];
    try {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: demo.username,
          MessageAction: 'SUPPRESS',
          UserAttributes: attributes,
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'UsernameExistsException') throw error;
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: demo.username,
          UserAttributes: attributes,
        }),
      );
    }
    // Permanent: the account is CONFIRMED and signs in without a new-password challenge.
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: demo.username,
        Password: DEMO_PASSWORD,
        Permanent: true,
      }),
    );
    for (const group of demo.groups) {
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: demo.username, GroupName: group }),
      );
    }
    await claims.ensureActive(demo.email, demo.username, Math.floor(Date.now() / 1000));
  }
}
