import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GROUPS } from '@estore/core/http';
import { LOCAL_REGION, type LocalIdentity } from './local-env';
import { PORTS } from './topology';

const POOL_NAME = 'estore-local';
const CLIENT_NAME = 'estore-local-web';

/**
 * The deployed pool's settings (services/identity/serverless.yml), mirrored here. cognito-local
 * 5.3 stores AllowAdminCreateUserOnly and WriteAttributes but does not enforce them (SignUp and
 * UpdateUserAttributes still succeed; docs/identity.md); it does honour the token validity.
 */
const POOL_SETTINGS = {
  Policies: {
    PasswordPolicy: {
      MinimumLength: 6,
      RequireLowercase: false,
      RequireUppercase: false,
      RequireNumbers: false,
      RequireSymbols: false,
    },
  },
  // Users are created by the identity service only (AdminCreateUser), never by SignUp.
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
};
const CLIENT_SETTINGS = {
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  EnableTokenRevocation: true,
  // A user's own access token may change only `gender`; `email` goes through the service.
  WriteAttributes: ['gender'],
  // As short as in AWS (accessTokenValidityMinutes): groups live in the token (docs/identity.md).
  AccessTokenValidity: 15,
  IdTokenValidity: 15,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
} as const;

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
        ...POOL_SETTINGS,
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
          { Name: 'gender', AttributeDataType: 'String', Mutable: true },
        ],
      }),
    );
    userPoolId = created.UserPool!.Id!;
  } else {
    // A pool kept from an earlier `npm run dev` gets today's settings (UpdateUserPool replaces them all).
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: userPoolId, ...POOL_SETTINGS }));
  }
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let userPoolClientId = clients.UserPoolClients?.find((client) => client.ClientName === CLIENT_NAME)?.ClientId;
  if (!userPoolClientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: CLIENT_NAME,
        ...CLIENT_SETTINGS,
        ExplicitAuthFlows: [...CLIENT_SETTINGS.ExplicitAuthFlows],
        WriteAttributes: [...CLIENT_SETTINGS.WriteAttributes],
      }),
    );
    userPoolClientId = created.UserPoolClient!.ClientId!;
  } else {
    await cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientId: userPoolClientId,
        ...CLIENT_SETTINGS,
        ExplicitAuthFlows: [...CLIENT_SETTINGS.ExplicitAuthFlows],
        WriteAttributes: [...CLIENT_SETTINGS.WriteAttributes],
      }),
    );
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
