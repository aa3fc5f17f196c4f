import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoClient, createDynamoDbDocumentClient, optionalEnv, requireEnv, type Group } from '@estore/core';
import { identityTableName } from '../src/config';
import { EmailClaimRepository } from '../src/repositories/email-claims';

/** The demo accounts of the contract. Seeding them anywhere but a dev stage would be a backdoor. */
const SEEDED_STAGES = ['local', 'dev'];
const DEMO_PASSWORD = '123456';
const DEMO_USERS: Array<{ username: string; email: string; groups: Group[] }> = [
  { username: 'admin', email: 'admin@estore.local', groups: ['admin_group', 'manage_product_group'] },
  { username: 'user', email: 'user@estore.local', groups: ['manage_product_group'] },
];

async function main(): Promise<void> {
  const stage = requireEnv('STAGE');
  if (!SEEDED_STAGES.includes(stage)) {
    console.log(`identity: no demo users on stage ${stage}`);
    return;
  }
  const userPoolId = requireEnv('USER_POOL_ID');
  const cognito = createCognitoClient();
  const claims = new EmailClaimRepository(createDynamoDbDocumentClient(), optionalEnv('IDENTITY_TABLE') ?? identityTableName(stage));
  for (const demo of DEMO_USERS) {
    const attributes = [
      { Name: 'email', Value: demo.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'gender', Value: 'other' },
    ];
    try {
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: demo.username, MessageAction: 'SUPPRESS', UserAttributes: attributes }),
      );
    } catch (error) {
      if (!(error instanceof UsernameExistsException) && (error as Error).name !== 'UsernameExistsException') throw error;
      await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: demo.username, UserAttributes: attributes }));
    }
    // Permanent: the account is CONFIRMED and signs in without a new-password challenge.
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: demo.username, Password: DEMO_PASSWORD, Permanent: true }));
    for (const group of demo.groups) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: demo.username, GroupName: group }));
    }
    await claims.ensureActive(demo.email, demo.username, Math.floor(Date.now() / 1000));
  }
  console.log(`identity: demo users ${DEMO_USERS.map((u) => u.username).join(', ')} ready (password ${DEMO_PASSWORD})`);
}

main().catch((error: Error) => {
  console.error(`identity seed failed: ${error.message}`);
  process.exitCode = 1;
});
