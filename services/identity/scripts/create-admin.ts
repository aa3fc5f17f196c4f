import { createInterface } from 'node:readline';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { identityTableName } from '../src/config';
import { EmailClaimRepository } from '../src/repositories/email-claims';
import { checkAdminPassword, createFirstAdmin, findStagePool, PASSWORD_ENV, parseCreateAdminArgs } from './first-admin';

/**
 * `npm run create-admin -w @estore/identity -- --stage dev --username ... --email ...`: a deployed
 * stage's first admin, with a password the operator chooses (from ESTORE_ADMIN_PASSWORD or a
 * prompt that does not echo). Uses the operator's own AWS credentials and region, against the
 * real pool and table (COGNITO_ENDPOINT / DYNAMODB_ENDPOINT point it at emulators instead).
 */
async function main(): Promise<void> {
  const options = parseCreateAdminArgs(process.argv.slice(2));
  const password = checkAdminPassword(
    process.env[PASSWORD_ENV] ?? (await promptHidden(`Password for ${options.username}: `)),
  );
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const cognito = new CognitoIdentityProviderClient({ region, endpoint: process.env.COGNITO_ENDPOINT || undefined });
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, endpoint: process.env.DYNAMODB_ENDPOINT || undefined }),
  );
  const userPoolId = options.userPoolId ?? (await findStagePool(cognito, options.stage));
  console.log(
    `Creating admin ${options.username} <${options.email}> in pool ${userPoolId} (stage ${options.stage}, region ${region})`,
  );
  await createFirstAdmin(cognito, userPoolId, new EmailClaimRepository(db, identityTableName(options.stage)), {
    ...options,
    password,
  });
  console.log(`Admin ${options.username} created; sign in with POST /login.`);
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.reject(new Error(`No terminal to prompt on: set ${PASSWORD_ENV}`));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stdout.write(question);
  output._writeToOutput = () => undefined;
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

main().catch((error: Error) => {
  console.error(`create-admin failed: ${error.message}`);
  process.exitCode = 1;
});
