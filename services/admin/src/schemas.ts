import { GROUPS, type Group, matching, type Schema } from '@estore/core/http';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import { pageQueryKeys } from '@estore/core/pagination';
import Joi from 'joi';
import type { ListUsersQuery } from './user-listing';

/** `GET /users?group=&limit=&cursor=`; limit 1-100 (default 20) as every list of the contract. */
export const listUsersQuery: Schema<ListUsersQuery> = Joi.object<ListUsersQuery>({
  group: Joi.string()
    .valid(...GROUPS)
    .optional(),
  ...pageQueryKeys,
});

export const groupPath: Schema<{ groupname: Group }> = Joi.object({
  groupname: Joi.string().valid(...GROUPS),
});

/**
 * The contract's usernames (the only ones the store creates). Checked here so a name Cognito's
 * own pattern refuses (a space, say) is a 400 naming the field, not an InvalidParameterException.
 */
export const usernameQuery: Schema<{ username: string }> = Joi.object({
  username: matching(USERNAME_PATTERN, USERNAME_RULE).trim().lowercase(),
});
