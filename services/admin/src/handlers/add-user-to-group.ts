import { createCognitoClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { httpHandler, ok } from '@estore/core/http';
import { GroupChanges } from '../group-changes';
import { CognitoUserDirectory } from '../repositories/user-directory';
import { groupPath, usernameQuery } from '../schemas';

export const createHandler = (changes: GroupChanges) =>
  httpHandler({ access: { anyOf: ['admin_group'] }, path: groupPath, query: usernameQuery }, async (request) =>
    ok(
      await changes.grant(request.query.username, request.path.groupname, {
        actor: request.principal.username,
        requestId: request.requestId,
      }),
    ),
  );

export const handler = createHandler(
  new GroupChanges(new CognitoUserDirectory(createCognitoClient(), requireEnv('USER_POOL_ID'))),
);
