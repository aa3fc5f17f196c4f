import { ForbiddenError, NotFoundError } from '@estore/core/errors';
import { isAdmin } from '@estore/core/http';
import type { CognitoUserDirectory } from './repositories/user-directory';

/**
 * Admin routes act only for a caller who is an admin in the pool right now. The token's
 * `cognito:groups` is a snapshot from sign-in: it outlives a demotion by up to the token's life
 * (and the authorizer's cache), long enough for a demoted admin to re-grant themselves. So the
 * route asks Cognito once per request (one AdminListGroupsForUser for the caller, never one per
 * user listed). A caller who no longer exists is refused the same way.
 */
export async function confirmLiveAdmin(
  directory: Pick<CognitoUserDirectory, 'groupsOf'>,
  username: string,
): Promise<void> {
  let groups: string[];
  try {
    groups = await directory.groupsOf(username);
  } catch (error) {
    if (error instanceof NotFoundError) throw notAnAdmin();
    throw error;
  }
  if (!isAdmin({ groups })) throw notAnAdmin();
}

const notAnAdmin = () => new ForbiddenError('You are not an admin (any more); sign in again if that changed');
