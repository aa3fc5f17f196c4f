import { GROUPS, type Group } from '@estore/core/http';

/** A user as the directory (Cognito) holds it, reduced to what the admin routes need. */
export interface DirectoryUser {
  username: string;
  attributes: Readonly<Record<string, string>>;
  /** Cognito's UserStatus: CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED... */
  status: string;
  enabled: boolean;
  createdAt: Date | undefined;
}

/** One item of `GET /users`, as the contract names it. */
export interface UserItem {
  username: string;
  email: string | null;
  emailVerified: boolean;
  gender: string | null;
  status: string;
  enabled: boolean;
  groups: Group[];
  createdAt: string | null;
}

/** The store's groups a user belongs to, always in the same order (GROUPS'), unknown groups dropped. */
export function storeGroups(names: Iterable<string>): Group[] {
  const held = new Set(names);
  return GROUPS.filter((group) => held.has(group));
}

export function toUserItem(user: DirectoryUser, groups: Iterable<string>): UserItem {
  return {
    username: user.username,
    email: user.attributes.email ?? null,
    // Cognito stores booleans as the strings "true" / "false".
    emailVerified: user.attributes.email_verified === 'true',
    gender: user.attributes.gender ?? null,
    status: user.status,
    enabled: user.enabled,
    groups: storeGroups(groups),
    createdAt: user.createdAt ? user.createdAt.toISOString() : null,
  };
}

/**
 * Who is in which group, built from one listing of each group's members, so a page of users
 * costs a fixed number of group listings instead of one lookup per user.
 */
export function membershipIndex(
  membersByGroup: Partial<Record<Group, readonly string[]>>,
): (username: string) => Group[] {
  const index = new Map<string, Set<Group>>();
  for (const group of GROUPS) {
    for (const username of membersByGroup[group] ?? []) {
      const groups = index.get(username) ?? new Set<Group>();
      groups.add(group);
      index.set(username, groups);
    }
  }
  return (username) => storeGroups(index.get(username) ?? []);
}
