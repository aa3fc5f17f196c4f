import { UnauthorizedError } from '@estore/core/errors';
import type { Principal } from '@estore/core/http';
import { logger } from '@estore/core/logger';
import { clearedCookies } from './domain/cookies';
import { toUserView, type UserView } from './domain/user';
import type { UserPoolRepository } from './repositories/user-pool';
import { openSession, type Session, type SessionParts, userGone } from './session';

/** Reading the current user, refreshing and signing out: the user pool only. */
export interface SessionsDependencies extends SessionParts {
  users: Pick<UserPoolRepository, 'refresh' | 'revoke' | 'profile'>;
}

/** An existing session: who it is, a refresh of its tokens, its end. */
export class Sessions {
  constructor(private readonly deps: SessionsDependencies) {}

  /** Profile from the pool; groups as the caller's access token carries them (those are the ones enforced). */
  async currentUser(principal: Principal): Promise<UserView> {
    const profile = await this.deps.users.profile(principal.username);
    if (!profile) throw userGone();
    return toUserView(profile, principal.groups);
  }

  async refresh(refreshToken: string | undefined): Promise<Session> {
    if (!refreshToken) throw new UnauthorizedError('No refresh token');
    const tokens = await this.deps.users.refresh(refreshToken);
    if (!tokens) throw new UnauthorizedError('The session has ended; sign in again');
    return openSession(tokens, this.deps);
  }

  /** Always ends the browser session; revocation is best effort (cognito-local supports it only partly). */
  async logout(refreshToken: string | undefined): Promise<string[]> {
    if (refreshToken) {
      try {
        await this.deps.users.revoke(refreshToken);
      } catch (error) {
        logger.warn('refresh token revocation failed', { error: error as Error });
      }
    }
    return clearedCookies(this.deps.cookies);
  }
}
