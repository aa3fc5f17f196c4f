import { createCognitoClient, createDynamoDbDocumentClient } from '@estore/core/aws';
import { optionalEnv, requireEnv } from '@estore/core/config';
import { identityTableName } from '../src/config';
import { EmailClaimRepository } from '../src/repositories/email-claims';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers, SEEDED_STAGES } from './demo-users';

/** `npm run seed`: the demo accounts `admin` and `user`, on the `local` stage only. */
async function main(): Promise<void> {
  const stage = requireEnv('STAGE');
  if (!SEEDED_STAGES.includes(stage)) {
    console.log(`identity: no demo users on stage ${stage}`);
    return;
  }
  const claims = new EmailClaimRepository(
    createDynamoDbDocumentClient(),
    optionalEnv('IDENTITY_TABLE') ?? identityTableName(stage),
  );
  await ensureDemoUsers(createCognitoClient(), requireEnv('USER_POOL_ID'), claims);
  console.log(`identity: demo users ${DEMO_USERS.map((u) => u.username).join(', ')} ready (password ${DEMO_PASSWORD})`);
}

main().catch((error: Error) => {
  console.error(`identity seed failed: ${error.message}`);
  process.exitCode = 1;
});
