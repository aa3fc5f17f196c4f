import {
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoClient } from '@estore/core/aws';
import { GROUPS, type Group } from '@estore/core/http';
import { createTestUser, uniqueName } from '@estore/testkit';
import { CognitoUserDirectory } from '../../src/repositories/user-directory';

const cognito = createCognitoClient();

/**
 * A user pool of its own in cognito-local, so a test can count admins and users exactly: the
 * store's pool is shared by every suite running in parallel (and holds the seeded `admin`).
 */
export interface IsolatedPool {
  userPoolId: string;
  clientId: string;
  directory: CognitoUserDirectory;
  createUser(prefix: string, groups?: Group[]): Promise<string>;
  membersOf(group: Group): Promise<string[]>;
  groupsOf(username: string): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function createIsolatedPool(): Promise<IsolatedPool> {
  const pool = await cognito.send(
    new CreateUserPoolCommand({ PoolName: uniqueName('admin-it-'), UsernameAttributes: [] }),
  );
  const userPoolId = pool.UserPool!.Id!;
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'admin-it',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  for (const group of GROUPS) await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  return {
    userPoolId,
    clientId: client.UserPoolClient!.ClientId!,
    directory: new CognitoUserDirectory(cognito, userPoolId),
    async createUser(prefix, groups = []) {
      return (await createTestUser({ prefix, groups, userPoolId, emailVerified: true })).username;
    },
    async membersOf(group) {
      const result = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
      return (result.Users ?? []).map((user) => user.Username!);
    },
    async groupsOf(username) {
      const result = await cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
      );
      return (result.Groups ?? []).map((group) => group.GroupName!).sort();
    },
    async dispose() {
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId }));
    },
  };
}

export { cognito };
