import { ConflictError, ForbiddenError } from '@estore/core/errors';
import { type Group } from '@estore/core/http';
import { logger } from '@estore/core/logger';
import { decideAdminRemoval, mustRestoreAdmin } from './domain/last-admin';
import { confirmLiveAdmin } from './live-admin';
import type { CognitoUserDirectory } from './repositories/user-directory';

export interface UserGroups {
  username: string;
  groups: Group[];
}

/** Who asked for a change, for the audit log line every change writes. */
export interface ChangeContext {
  actor: string;
  requestId: string;
}

export type AuditLogger = Pick<typeof logger, 'info' | 'warn'>;

/** What group changes read and write in the pool. */
export type GroupDirectory = Pick<
  CognitoUserDirectory,
  'groupsOf' | 'groupMembers' | 'addToGroup' | 'removeFromGroup' | 'signOutEverywhere'
>;

/**
 * Group changes are an audit trail: they are written at INFO whatever the stage's noise level
 * (locally POWERTOOLS_LOG_LEVEL is WARN), tagged so they can be queried on their own.
 */
export const auditLog: AuditLogger = logger.createChild({ logLevel: 'INFO', persistentKeys: { audit: 'user-groups' } });

const lastAdmin = () =>
  new ConflictError('LAST_ADMIN', 'The store must keep at least one admin', [
    { field: 'username', message: 'this is the last member of admin_group' },
  ]);

/** Grants and withdraws the store's groups, keeping at least one admin and logging who did what. */
export class GroupChanges {
  constructor(
    private readonly directory: GroupDirectory,
    /** `auditLog` in production; tests read what was logged. */
    private readonly audit: AuditLogger,
  ) {}

  async grant(username: string, group: Group, context: ChangeContext): Promise<UserGroups> {
    await this.confirmActor(context, 'add', group, username);
    const before = await this.directory.groupsOf(username);
    if (before.includes(group)) {
      this.audit.info('user group unchanged', {
        action: 'add',
        group,
        username,
        changedBy: context.actor,
        requestId: context.requestId,
        reason: 'already a member',
      });
      return { username, groups: before };
    }
    await this.directory.addToGroup(username, group);
    this.audit.info('user group changed', {
      action: 'add',
      group,
      username,
      changedBy: context.actor,
      requestId: context.requestId,
    });
    return { username, groups: await this.directory.groupsOf(username) };
  }

  async withdraw(username: string, group: Group, context: ChangeContext): Promise<UserGroups> {
    await this.confirmActor(context, 'remove', group, username);
    const before = await this.directory.groupsOf(username);
    if (!before.includes(group)) {
      this.audit.info('user group unchanged', {
        action: 'remove',
        group,
        username,
        changedBy: context.actor,
        requestId: context.requestId,
        reason: 'not a member',
      });
      return { username, groups: before };
    }
    if (group === 'admin_group') await this.refuseLastAdmin(username);
    await this.directory.removeFromGroup(username, group);
    if (group === 'admin_group') await this.undoIfNoAdminLeft(username, context);
    this.audit.info('user group changed', {
      action: 'remove',
      group,
      username,
      changedBy: context.actor,
      requestId: context.requestId,
    });
    await this.revokeSessions(username, context);
    return { username, groups: await this.directory.groupsOf(username) };
  }

  /** The token says admin; the pool must say so too, now (see live-admin.ts). Refusals are audited. */
  private async confirmActor(
    context: ChangeContext,
    action: 'add' | 'remove',
    group: Group,
    username: string,
  ): Promise<void> {
    try {
      await confirmLiveAdmin(this.directory, context.actor);
    } catch (error) {
      if (error instanceof ForbiddenError) {
        this.audit.warn('user group change refused: the caller is no longer an admin', {
          action,
          group,
          username,
          changedBy: context.actor,
          requestId: context.requestId,
        });
      }
      throw error;
    }
  }

  private async refuseLastAdmin(username: string): Promise<void> {
    const admins = await this.directory.groupMembers('admin_group');
    if (decideAdminRemoval(admins, username) === 'last-admin') throw lastAdmin();
  }

  /**
   * Two admins demoting each other at once both pass the check above. Whoever removes last
   * sees an empty group here and puts its user back, so the group never stays empty.
   */
  private async undoIfNoAdminLeft(username: string, context: ChangeContext): Promise<void> {
    if (!mustRestoreAdmin(await this.directory.groupMembers('admin_group'))) return;
    await this.directory.addToGroup(username, 'admin_group');
    this.audit.warn('admin removal undone: a concurrent removal left admin_group empty', {
      action: 'remove',
      group: 'admin_group',
      username,
      changedBy: context.actor,
      requestId: context.requestId,
    });
    throw lastAdmin();
  }

  /**
   * A demoted user's tokens still carry the group until they expire; revoking the refresh
   * tokens stops them from minting new ones. cognito-local cannot do it: that is logged, and
   * the removal itself stands.
   */
  private async revokeSessions(username: string, context: ChangeContext): Promise<void> {
    const outcome = await this.directory.signOutEverywhere(username);
    if (outcome === 'revoked') {
      this.audit.info('refresh tokens revoked after demotion', {
        username,
        changedBy: context.actor,
        requestId: context.requestId,
      });
    } else {
      this.audit.warn(
        'refresh tokens NOT revoked: the local Cognito emulator does not support AdminUserGlobalSignOut',
        {
          username,
          changedBy: context.actor,
          requestId: context.requestId,
        },
      );
    }
  }
}
