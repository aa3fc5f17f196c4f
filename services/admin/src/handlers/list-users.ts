import { ADMINS, httpHandler, ok } from '@estore/core/http';
import { listUsersQuery } from '../schemas';
import type { UserListing } from '../user-listing';
import { listUsersDependencies } from '../wiring';

export interface ListUsersDependencies {
  listing: Pick<UserListing, 'list'>;
}

/** `GET /users?group=&limit=&cursor=`: a page of users with their groups, for admins. */
export function listUsers({ listing }: ListUsersDependencies) {
  return httpHandler({ access: ADMINS, query: listUsersQuery }, async (request) =>
    ok(await listing.list(request.query, request.principal.username)),
  );
}

export const handler = listUsers(listUsersDependencies());
