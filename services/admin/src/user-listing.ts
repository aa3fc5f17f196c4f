import { GROUPS, type Group, type Page } from '@estore/core';
import { readPage, START } from './domain/paging';
import { decodeUserCursor, encodeUserCursor } from './domain/user-cursor';
import { confirmLiveAdmin } from './live-admin';
import { membershipIndex, toUserItem, type UserItem } from './domain/users';
import { COGNITO_MAX_PAGE, type CognitoUserDirectory } from './repositories/user-directory';

export interface ListUsersQuery {
  group?: Group;
  limit: number;
  cursor?: string;
}

/**
 * One page of users with their groups. Groups come from one listing of each group's members
 * per request (a few calls, whatever the page size) instead of one AdminListGroupsForUser per
 * user; see docs/admin.md for when that stops paying off. The caller's own admin membership is
 * confirmed live first (one call).
 */
export async function listUsers(directory: CognitoUserDirectory, query: ListUsersQuery, actor: string): Promise<Page<UserItem>> {
  await confirmLiveAdmin(directory, actor);
  const start = decodeUserCursor(query.cursor, query.group);
  const [page, members] = await Promise.all([
    readPage(directory.usersSource(query.group), start ?? START, query.limit, { maxPerCall: COGNITO_MAX_PAGE }),
    // Members of the group being listed are known to be in it: only the other groups need a lookup.
    Promise.all(GROUPS.filter((group) => group !== query.group).map(async (group) => [group, await directory.groupMembers(group)] as const)),
  ]);
  const listed = query.group ? { [query.group]: page.items.map((user) => user.username) } : {};
  const groupsOf = membershipIndex({ ...Object.fromEntries(members), ...listed });
  return {
    items: page.items.map((user) => toUserItem(user, groupsOf(user.username))),
    nextCursor: encodeUserCursor(page.next, query.group),
  };
}
