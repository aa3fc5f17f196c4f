import { createCognitoClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { httpHandler, ok } from '@estore/core/http';
import { type CursorCodecSource, cursorCodecFromEnv } from '@estore/core/pagination';
import { CognitoUserDirectory } from '../repositories/user-directory';
import { listUsersQuery } from '../schemas';
import { listUsers } from '../user-listing';

export const createHandler = (directory: CognitoUserDirectory, cursors: CursorCodecSource = cursorCodecFromEnv) =>
  httpHandler({ access: { anyOf: ['admin_group'] }, query: listUsersQuery }, async (request) =>
    ok(await listUsers(directory, request.query, request.principal.username, await cursors())),
  );

export const handler = createHandler(new CognitoUserDirectory(createCognitoClient(), requireEnv('USER_POOL_ID')));
