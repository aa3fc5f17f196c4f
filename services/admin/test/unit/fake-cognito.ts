import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { GROUPS } from '@estore/core/http';

type Command = { input: Record<string, unknown>; constructor: { name: string } };

function cognitoError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * An in-memory user pool answering the SDK commands the admin service sends, paging the way
 * real Cognito does (at most Limit items, opaque tokens, Limit above 60 refused). Injected
 * through the repository's constructor in place of the SDK client.
 */
export class FakeCognito {
  readonly users: UserType[] = [];
  readonly groups = new Map<string, string[]>(GROUPS.map((group) => [group, []]));
  readonly calls: Array<{ command: string; input: Record<string, unknown> }> = [];
  /** Runs just before a removal is applied: lets a test interleave a concurrent change. */
  beforeRemove?: () => void;
  signOut: 'ok' | 'unsupported' | 'throttled' | 'failing' = 'ok';

  /** Adds a user, or (same username) replaces its attributes and adds the groups. */
  addUser(username: string, attributes: Record<string, string> = {}, groups: string[] = []): void {
    const existing = this.users.findIndex((user) => user.Username === username);
    if (existing >= 0) this.users.splice(existing, 1);
    this.users.push({
      Username: username,
      Attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      UserStatus: 'CONFIRMED',
      Enabled: true,
      UserCreateDate: new Date('2026-01-02T03:04:05.000Z'),
    });
    for (const group of groups) if (!this.groups.get(group)!.includes(username)) this.groups.get(group)!.push(username);
  }

  get client(): CognitoIdentityProviderClient {
    return { send: (command: Command) => this.send(command) } as unknown as CognitoIdentityProviderClient;
  }

  callsOf(command: string) {
    return this.calls.filter((call) => call.command === command);
  }

  private page(all: UserType[], limit: unknown, token: unknown) {
    const size = (limit as number | undefined) ?? 60;
    if (size > 60) throw cognitoError('InvalidParameterException', 'Limit must be at most 60');
    const decoded = token ? /^page:(\d+)$/.exec(Buffer.from(token as string, 'base64').toString()) : null;
    if (token && !decoded) throw cognitoError('InvalidParameterException', 'Invalid pagination token');
    const start = decoded ? Number(decoded[1]) : 0;
    const users = all.slice(start, start + size);
    const next = start + size < all.length ? Buffer.from(`page:${start + size}`).toString('base64') : undefined;
    return { users, next };
  }

  private user(username: unknown): UserType {
    const user = this.users.find((candidate) => candidate.Username === username);
    if (!user) throw cognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private members(group: unknown): string[] {
    const members = this.groups.get(group as string);
    if (!members) throw cognitoError('ResourceNotFoundException', 'Group not found');
    return members;
  }

  async send(command: Command): Promise<unknown> {
    const input = command.input;
    this.calls.push({ command: command.constructor.name, input });
    if (command instanceof ListUsersCommand) {
      const { users, next } = this.page(this.users, input.Limit, input.PaginationToken);
      return { Users: users, PaginationToken: next };
    }
    if (command instanceof ListUsersInGroupCommand) {
      const members = this.members(input.GroupName).map((username) => this.user(username));
      const { users, next } = this.page(members, input.Limit, input.NextToken);
      return { Users: users, NextToken: next };
    }
    if (command instanceof AdminListGroupsForUserCommand) {
      this.user(input.Username);
      const names = [...this.groups]
        .filter(([, members]) => members.includes(input.Username as string))
        .map(([name]) => name);
      return { Groups: names.map((GroupName) => ({ GroupName })) };
    }
    if (command instanceof AdminAddUserToGroupCommand) {
      this.user(input.Username);
      const members = this.members(input.GroupName);
      if (!members.includes(input.Username as string)) members.push(input.Username as string);
      return {};
    }
    if (command instanceof AdminRemoveUserFromGroupCommand) {
      this.user(input.Username);
      this.beforeRemove?.();
      const members = this.members(input.GroupName);
      const index = members.indexOf(input.Username as string);
      if (index >= 0) members.splice(index, 1);
      return {};
    }
    if (command instanceof AdminUserGlobalSignOutCommand) {
      this.user(input.Username);
      if (this.signOut === 'unsupported') {
        throw cognitoError(
          'Unsupported',
          'Cognito Local unsupported feature: Unsupported x-amz-target header "AdminUserGlobalSignOut"',
        );
      }
      if (this.signOut === 'throttled') throw cognitoError('TooManyRequestsException', 'Rate exceeded');
      if (this.signOut === 'failing') throw cognitoError('InternalErrorException', 'Internal error');
      return {};
    }
    throw new Error(`FakeCognito does not answer ${command.constructor.name}`);
  }
}
