import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { type Group } from '@estore/core/http';
import { uniqueName } from './api-client';

const cognito = createCognitoClient();

export interface TestUser {
  username: string;
  email: string;
  password: string;
}

/**
 * Creates a confirmed user straight in the local user pool (no HTTP), for tests that need a
 * customer, a manager or an admin without going through registration.
 */
export async function createTestUser(
  options: { groups?: Group[]; prefix?: string; emailVerified?: boolean; userPoolId?: string } = {},
): Promise<TestUser> {
  const userPoolId = options.userPoolId ?? requireEnv('USER_POOL_ID');
  const username = uniqueName(options.prefix ?? 'it_');
  const email = `${username}@example.test`;
  const password = 'secret123';
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: String(options.emailVerified ?? false) },
        { Name: 'gender', Value: 'other' },
      ],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  for (const group of options.groups ?? []) {
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }),
    );
  }
  return { username, email, password };
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** Signs in against the local pool directly (USER_PASSWORD_AUTH) and returns the raw tokens. */
export async function signInDirect(username: string, password: string): Promise<Tokens> {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: requireEnv('USER_POOL_CLIENT_ID'),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const auth = result.AuthenticationResult;
  if (!auth?.AccessToken || !auth.IdToken || !auth.RefreshToken) throw new Error(`Could not sign in ${username}`);
  return { accessToken: auth.AccessToken, idToken: auth.IdToken, refreshToken: auth.RefreshToken };
}

/** What the user pool holds about a user (attributes, groups, status), or null when there is no such user. */
export async function userRecord(
  username: string,
  userPoolId = requireEnv('USER_POOL_ID'),
): Promise<Record<string, unknown> | null> {
  // A name no pool would hold (white space, 10 000 characters): no such user, without asking.
  if (!/^[\p{L}\p{M}\p{N}\p{S}\p{P}]{1,128}$/u.test(username)) return null;
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    const groups = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
    );
    return {
      username: user.Username,
      status: user.UserStatus,
      enabled: user.Enabled,
      attributes: Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value])),
      groups: (groups.Groups ?? []).map((g) => g.GroupName).sort(),
    };
  } catch (error) {
    // No such user, or a name the pool would never hold.
    if (
      ['UserNotFoundException', 'InvalidParameterException', 'ResourceNotFoundException'].includes(
        (error as Error).name,
      )
    )
      return null;
    throw error;
  }
}
