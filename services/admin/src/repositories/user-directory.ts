import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotFoundError, TooManyRequestsError, ValidationError } from '@estore/core/errors';
import { type Group } from '@estore/core/http';
import { logger } from '@estore/core/logger';
import type { FetchSourcePage, SourcePage } from '../domain/paging';
import { type DirectoryUser, storeGroups } from '../domain/users';

/** Cognito's ceiling for ListUsers, ListUsersInGroup and AdminListGroupsForUser. */
export const COGNITO_MAX_PAGE = 60;

export type SignOutOutcome = 'revoked' | 'unsupported-by-emulator';

/** Cognito's user shape to ours: attributes as a map, dates as dates. */
export function toDirectoryUser(user: UserType): DirectoryUser {
  return {
    username: user.Username ?? '',
    attributes: attributeMap(user.Attributes),
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled ?? false,
    createdAt: user.UserCreateDate,
  };
}

function attributeMap(attributes: AttributeType[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { Name, Value } of attributes ?? []) if (Name && Value !== undefined) map[Name] = Value;
  return map;
}

const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/**
 * Cognito's refusals of a call about one user, as the contract's errors: no such user is a 404,
 * a username Cognito's pattern refuses a 400, throttling a 429. Cognito's message is logged, never
 * sent. Anything else stays as it is (a 500).
 */
function userCallError(error: unknown): unknown {
  switch (errorName(error)) {
    case 'UserNotFoundException':
      return new NotFoundError('No user with this username');
    case 'InvalidParameterException':
      logger.info('Cognito refused a parameter', { reason: (error as Error).message });
      return new ValidationError('Invalid query', [{ field: 'username', message: 'username is not a valid username' }]);
    default:
      return throttled(error);
  }
}

/** Cognito's rate limits (per account and region) are the caller's 429, not a 500. */
function throttled(error: unknown): unknown {
  return errorName(error) === 'TooManyRequestsException'
    ? new TooManyRequestsError('The user directory is busy; try again in a moment')
    : error;
}

/**
 * cognito-local answers calls it does not implement (AdminUserGlobalSignOut among them) with
 * HTTP 500 and `__type: CognitoLocal#Unsupported`. Real Cognito never sends this type, so
 * recognising it cannot hide a real failure in AWS.
 */
export function isUnsupportedByEmulator(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'Unsupported' || error.name === 'CognitoLocal#Unsupported') &&
    /Cognito Local unsupported feature/.test(error.message)
  );
}

/** The store's users and groups in its Cognito user pool: the only AWS access of the admin service. */
export class CognitoUserDirectory {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /** One source page of all users (ListUsers) or of one group's members (ListUsersInGroup). */
  usersSource(group: Group | undefined): FetchSourcePage<DirectoryUser> {
    return async (token, limit) => {
      try {
        return await this.usersPage(group, token, limit);
      } catch (error) {
        // A token Cognito refuses (expired, or from another pool) came from the client's cursor.
        if (token && errorName(error) === 'InvalidParameterException') {
          throw new ValidationError('Invalid cursor', [
            { field: 'cursor', message: 'cursor is no longer valid, start from the first page' },
          ]);
        }
        throw throttled(error);
      }
    };
  }

  private async usersPage(
    group: Group | undefined,
    token: string | undefined,
    limit: number,
  ): Promise<SourcePage<DirectoryUser>> {
    if (group) {
      const page = await this.cognito.send(
        new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: group, Limit: limit, NextToken: token }),
      );
      return { items: (page.Users ?? []).map(toDirectoryUser), nextToken: page.NextToken || undefined };
    }
    const page = await this.cognito.send(
      new ListUsersCommand({ UserPoolId: this.userPoolId, Limit: limit, PaginationToken: token }),
    );
    return { items: (page.Users ?? []).map(toDirectoryUser), nextToken: page.PaginationToken || undefined };
  }

  /** Every member's username, all pages. */
  async groupMembers(group: Group): Promise<string[]> {
    return (await this.groupMembersUpTo(group, Number.POSITIVE_INFINITY)) ?? [];
  }

  /** Every member's username if the group fits in `maxCalls` pages (60 each); undefined when it is larger. */
  async groupMembersUpTo(group: Group, maxCalls: number): Promise<string[] | undefined> {
    const usernames: string[] = [];
    let token: string | undefined;
    try {
      for (let call = 0; call < maxCalls; call++) {
        const page = await this.cognito.send(
          new ListUsersInGroupCommand({
            UserPoolId: this.userPoolId,
            GroupName: group,
            Limit: COGNITO_MAX_PAGE,
            NextToken: token,
          }),
        );
        for (const user of page.Users ?? []) if (user.Username) usernames.push(user.Username);
        token = page.NextToken || undefined;
        if (!token) return usernames;
      }
    } catch (error) {
      throw throttled(error);
    }
    return undefined;
  }

  /** The store's groups the user is in; a NotFoundError when there is no such user. */
  async groupsOf(username: string): Promise<Group[]> {
    const names: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.cognito.send(
          new AdminListGroupsForUserCommand({
            UserPoolId: this.userPoolId,
            Username: username,
            Limit: COGNITO_MAX_PAGE,
            NextToken: token,
          }),
        );
        for (const group of page.Groups ?? []) if (group.GroupName) names.push(group.GroupName);
        token = page.NextToken || undefined;
      } while (token);
    } catch (error) {
      throw userCallError(error);
    }
    return storeGroups(names);
  }

  async addToGroup(username: string, group: Group): Promise<void> {
    try {
      await this.cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group }),
      );
    } catch (error) {
      throw userCallError(error);
    }
  }

  async removeFromGroup(username: string, group: Group): Promise<void> {
    try {
      await this.cognito.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group }),
      );
    } catch (error) {
      throw userCallError(error);
    }
  }

  /** Revokes every refresh token of the user (AdminUserGlobalSignOut); the emulator cannot. */
  async signOutEverywhere(username: string): Promise<SignOutOutcome> {
    try {
      await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
      return 'revoked';
    } catch (error) {
      if (isUnsupportedByEmulator(error)) return 'unsupported-by-emulator';
      throw userCallError(error);
    }
  }
}
