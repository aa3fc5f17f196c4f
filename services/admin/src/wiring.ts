import { createCognitoClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { auditLog, GroupChanges } from './group-changes';
import { CognitoUserDirectory } from './repositories/user-directory';
import { UserListing } from './user-listing';

/**
 * The one place that builds the admin functions' dependencies. Each handler calls its factory as
 * its module loads (once per Lambda container), so a missing variable fails the cold start; only
 * `GET /users` bundles the cursor key's loader, since only its factory names it.
 */

/** The store's user pool: the admin service's only AWS access. */
const userDirectory = () => new CognitoUserDirectory(createCognitoClient(), requireEnv('USER_POOL_ID'));

/** `GET /users`: the pool, and the signed cursors of its pages. */
export function listUsersDependencies(): { listing: UserListing } {
  return { listing: new UserListing(userDirectory(), cursorCodecFromEnv) };
}

/** `POST` and `DELETE /user-group/{groupname}`: the pool, and the audit log every change writes. */
export function groupChangesDependencies(): { changes: GroupChanges } {
  return { changes: new GroupChanges(userDirectory(), auditLog) };
}
