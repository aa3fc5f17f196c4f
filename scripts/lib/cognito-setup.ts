import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GROUPS } from '@estore/core';
import { LOCAL_REGION, type LocalIdentity } from './local-env';
import { PORTS } from './topology';

const POOL_NAME = 'estore-local';
const CLIENT_NAME = 'estore-local-web';

/**
 * Ensures cognito-local holds the store's user pool, app client and groups, creating only what
 * is missing, and returns their ids. Finding them by name keeps this idempotent across restarts.
 */
export async function ensureLocalUserPool(): Promise<LocalIdentity> {
  // The scripts run on the machine's Node (20.19+); the SDK's notice about Node 20's end of support is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const cognito = new CognitoIdentityProviderClient({
    endpoint: `http://127.0.0.1:${PORTS.cognito}`,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((pool) => pool.Name === POOL_NAME)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        // Sign-in by username (cognito-local defaults to email); the identity service keeps emails unique.
        UsernameAttributes: [],
        Policies: { PasswordPolicy: { MinimumLength: 6, RequireLowercase: false, RequireUppercase: false, RequireNumbers: false, RequireSymbols: false } },
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
          { Name: 'gender', AttributeDataType: 'String', Mutable: true },
        ],
      }),
    );
    userPoolId = created.UserPool!.Id!;
  }
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let userPoolClientId = clients.UserPoolClients?.find((client) => client.ClientName === CLIENT_NAME)?.ClientId;
  if (!userPoolClientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: CLIENT_NAME,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        EnableTokenRevocation: true,
      }),
    );
    userPoolClientId = created.UserPoolClient!.ClientId!;
  }
  // cognito-local's CreateGroup replaces an existing group (and drops its members), so only
  // groups that are really missing are created.
  const existing = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const existingNames = new Set((existing.Groups ?? []).map((group) => group.GroupName));
  for (const group of GROUPS.filter((name) => !existingNames.has(name))) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
  return { userPoolId, userPoolClientId };
}
