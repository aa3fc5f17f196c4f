import { cursorCodecFromEnv } from '@estore/core/pagination';
import type { UserItem } from '../../../src/domain/users';
import { GroupChanges } from '../../../src/group-changes';
import { addUserToGroup } from '../../../src/handlers/add-user-to-group';
import { listUsers as listUsersRoute } from '../../../src/handlers/list-users';
import { removeUserFromGroup } from '../../../src/handlers/remove-user-from-group';
import { CognitoUserDirectory } from '../../../src/repositories/user-directory';
import { UserListing } from '../../../src/user-listing';
import { FakeCognito } from '../fake-cognito';
import { type Caller, httpEvent, lambdaContext } from '../http-event';

/** The admin routes built over the real use cases and repository, with a fake Cognito behind the SDK client. */
export const admin: Caller = { username: 'root', groups: ['admin_group'] };
export const manager: Caller = { username: 'user', groups: ['manage_product_group'] };
export const customer: Caller = { username: 'carol', groups: [] };

export interface Page {
  items: UserItem[];
  nextCursor: string | null;
}

/** The pool holds the calling admin (`root`, in admin_group): admin routes confirm that live. */
export function setUp(options: { callerInPool?: boolean } = {}) {
  const cognito = new FakeCognito();
  if (options.callerInPool ?? true) cognito.addUser('root', {}, ['admin_group']);
  const directory = new CognitoUserDirectory(cognito.client, 'us-east-1_unitTest');
  const audit = { info: jest.fn(), warn: jest.fn() };
  const changes = new GroupChanges(directory, audit);
  // The cursor key is the test-only one of jest.setup.js.
  const listUsers = listUsersRoute({ listing: new UserListing(directory, cursorCodecFromEnv) });
  const add = addUserToGroup({ changes });
  const remove = removeUserFromGroup({ changes });
  return {
    cognito,
    audit,
    list: (query: Record<string, string> = {}, caller: Caller | null = admin) =>
      listUsers(httpEvent({ method: 'GET', path: '/users', caller: caller ?? undefined, query }), lambdaContext),
    add: (groupname: string, query: Record<string, string>, caller: Caller | null = admin) =>
      add(
        httpEvent({
          method: 'POST',
          path: `/user-group/${groupname}`,
          caller: caller ?? undefined,
          query,
          pathParameters: { groupname },
        }),
        lambdaContext,
      ),
    remove: (groupname: string, query: Record<string, string>, caller: Caller | null = admin) =>
      remove(
        httpEvent({
          method: 'DELETE',
          path: `/user-group/${groupname}`,
          caller: caller ?? undefined,
          query,
          pathParameters: { groupname },
        }),
        lambdaContext,
      ),
  };
}
