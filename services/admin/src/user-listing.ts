import { NotFoundError } from '@estore/core/errors';
import { GROUPS, type Group } from '@estore/core/http';
import type { CursorCodecSource, Page } from '@estore/core/pagination';
import { readPage, START } from './domain/paging';
import { decodeUserCursor, encodeUserCursor } from './domain/user-cursor';
import { type DirectoryUser, membershipIndex, toUserItem, type UserItem } from './domain/users';
import { confirmLiveAdmin } from './live-admin';
import { COGNITO_MAX_PAGE, type CognitoUserDirectory } from './repositories/user-directory';

/** What listing reads of the pool: pages of users, group members, one user's groups. */
export type ListingDirectory = Pick<CognitoUserDirectory, 'usersSource' | 'groupMembersUpTo' | 'groupsOf'>;

export interface ListUsersQuery {
  group?: Group;
  limit: number;
  cursor?: string;
}

/** A group is listed whole only while it fits in this many ListUsersInGroup calls (60 members each). */
export const MAX_GROUP_LISTING_CALLS = 2;
/** Per-user lookups run this many at a time, to stay well inside Cognito's request rate. */
const LOOKUP_CONCURRENCY = 10;

async function mapLimited<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * The groups of a page's users at a cost bounded by the page, never by the pool: small groups
 * (the usual case: a few admins and managers) are listed whole, at most MAX_GROUP_LISTING_CALLS
 * each; if one is larger, that page's users are looked up one by one instead (at most `limit`
 * calls). Nothing is cached, so a group change shows on the next request. See docs/admin.md.
 */
async function groupsOfPage(
  directory: ListingDirectory,
  users: DirectoryUser[],
  listedGroup: Group | undefined,
): Promise<(username: string) => Group[]> {
  if (users.length === 0) return () => [];
  // Members of the group being listed are known to be in it: only the other groups need a lookup.
  const others = GROUPS.filter((group) => group !== listedGroup);
  const listings = await Promise.all(others.map((group) => directory.groupMembersUpTo(group, MAX_GROUP_LISTING_CALLS)));
  if (listings.every((members) => members !== undefined)) {
    const listed = listedGroup ? { [listedGroup]: users.map((user) => user.username) } : {};
    return membershipIndex({ ...Object.fromEntries(others.map((group, i) => [group, listings[i]])), ...listed });
  }
  const groups = await mapLimited(users, LOOKUP_CONCURRENCY, (user) =>
    // A user deleted between the listing and the lookup is shown with no groups rather than failing the page.
    directory
      .groupsOf(user.username)
      .catch((error: unknown) => (error instanceof NotFoundError ? [] : Promise.reject(error))),
  );
  const byUser = new Map(users.map((user, i) => [user.username, groups[i]]));
  return (username) => byUser.get(username) ?? [];
}

/** `GET /users`: one page of users with their groups, after confirming the caller's own admin membership live (one call). */
export class UserListing {
  constructor(
    private readonly directory: ListingDirectory,
    /** Signs the page cursors; the key is loaded at the first listing. */
    private readonly cursors: CursorCodecSource,
  ) {}

  async list(query: ListUsersQuery, actor: string): Promise<Page<UserItem>> {
    const { directory } = this;
    const cursors = await this.cursors();
    await confirmLiveAdmin(directory, actor);
    const start = decodeUserCursor(query.cursor, query.group, cursors);
    const page = await readPage(directory.usersSource(query.group), start ?? START, query.limit, {
      maxPerCall: COGNITO_MAX_PAGE,
    });
    const groupsOf = await groupsOfPage(directory, page.items, query.group);
    return {
      items: page.items.map((user) => toUserItem(user, groupsOf(user.username))),
      nextCursor: encodeUserCursor(page.next, query.group, cursors),
    };
  }
}
