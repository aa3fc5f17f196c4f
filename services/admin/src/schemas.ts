import { GROUPS, type Schema, strictObject } from '@estore/core/http';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import { pageQueryKeys } from '@estore/core/pagination';
import * as v from 'valibot';
import type { ListUsersQuery } from './user-listing';

/** `GET /users?group=&limit=&cursor=`; limit 1-100 (default 20) as every list of the contract. */
export const listUsersQuery: Schema<ListUsersQuery> = strictObject({
  group: v.optional(v.picklist(GROUPS)),
  ...pageQueryKeys,
});

export const groupPath = strictObject({
  groupname: v.picklist(GROUPS),
});

/**
 * The contract's usernames (the only ones the store creates). Checked here so a name Cognito's
 * own pattern refuses (a space, say) is a 400 naming the field, not an InvalidParameterException.
 */
export const usernameQuery = strictObject({
  username: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(USERNAME_PATTERN, USERNAME_RULE)),
});
