import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import { normalizeEmail } from '../src/domain/email';
import { PASSWORD_PATTERN } from '../src/domain/validation';
import type { EmailClaimRepository } from '../src/repositories/email-claims';

export const PASSWORD_ENV = 'ESTORE_ADMIN_PASSWORD';
/** The pool's minimum (passwordMinLength) is 6; an operator's admin account deserves more. */
export const ADMIN_PASSWORD_MIN_LENGTH = 12;

export interface CreateAdminOptions {
  stage: string;
  username: string;
  email: string;
  userPoolId?: string;
  region?: string;
  /** `local` has demo users from the seed; creating an admin there must be asked for explicitly. */
  allowLocal: boolean;
}

/** `--stage dev --username ... --email ... [--user-pool-id ...] [--region ...] [--allow-local]`. Throws with what is wrong. */
export function parseCreateAdminArgs(argv: string[]): CreateAdminOptions {
  const values: Record<string, string> = {};
  let allowLocal = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--allow-local') allowLocal = true;
    else if (/^--(stage|username|email|user-pool-id|region)$/.test(arg) && argv[i + 1] !== undefined)
      values[arg.slice(2)] = argv[++i];
    else throw new Error(`Unknown or incomplete argument: ${arg}`);
  }
  for (const required of ['stage', 'username', 'email'])
    if (!values[required]) throw new Error(`--${required} is required`);
  if (values.stage === 'local' && !allowLocal) {
    throw new Error(
      'Stage `local` already has the demo admin from `npm run seed`; pass --allow-local to create another admin there on purpose',
    );
  }
  const username = values.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) throw new Error(USERNAME_RULE);
  const email = normalizeEmail(values.email);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('--email is not an email address');
  return {
    stage: values.stage,
    username,
    email,
    userPoolId: values['user-pool-id'],
    region: values.region,
    allowLocal,
  };
}

/** The operator's own password: long enough, and in the shape Cognito accepts. Never a default. */
export function checkAdminPassword(password: string | undefined): string {
  if (!password) throw new Error(`No password: type it at the prompt or set ${PASSWORD_ENV}`);
  if (password.length < ADMIN_PASSWORD_MIN_LENGTH)
    throw new Error(`The password must have at least ${ADMIN_PASSWORD_MIN_LENGTH} characters`);
  if (!PASSWORD_PATTERN.test(password)) throw new Error('The password must not start or end with white space');
  return password;
}

/** The stage's pool as the identity stack names it (`estore-<stage>`); exactly one must match. */
export async function findStagePool(cognito: CognitoIdentityProviderClient, stage: string): Promise<string> {
  const matches: string[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    for (const pool of page.UserPools ?? []) if (pool.Name === `estore-${stage}` && pool.Id) matches.push(pool.Id);
    token = page.NextToken;
  } while (token);
  if (matches.length !== 1)
    throw new Error(
      `Found ${matches.length} user pools named estore-${stage}; pass --user-pool-id (the stack output UserPoolId)`,
    );
  return matches[0];
}

/**
 * Creates the admin in the pool (admin_group and manage_product_group, email verified, the
 * operator's password, permanent) and claims the email for them. An existing username is an
 * error: this never resets someone's password.
 */
export async function createFirstAdmin(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  claims: Pick<EmailClaimRepository, 'ensureActive'>,
  admin: { username: string; email: string; password: string },
): Promise<void> {
  await claims.ensureActive(admin.email, admin.username, Math.floor(Date.now() / 1000));
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: admin.username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: admin.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: admin.username,
      Password: admin.password,
      Permanent: true,
    }),
  );
  for (const group of ['admin_group', 'manage_product_group']) {
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: admin.username, GroupName: group }),
    );
  }
}
