import Joi from 'joi';
import { GROUPS, type Group } from '@estore/core/http';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import { pageQueryKeys } from '@estore/core/pagination';
import type { ListUsersQuery } from './user-listing';

/** `GET /users?group=&limit=&cursor=`; limit 1-100 (default 20) as every list of the contract. */
export const listUsersQuery = Joi.object<ListUsersQuery>({
  group: Joi.string().valid(...GROUPS),
  ...pageQueryKeys,
});

export interface GroupPath {
  groupname: Group;
}

export const groupPath = Joi.object<GroupPath>({
  groupname: Joi.string()
    .valid(...GROUPS)
    .required(),
});

export interface UsernameQuery {
  username: string;
}

/**
 * The contract's usernames (the only ones the store creates). Checked here so a name Cognito's
 * own pattern refuses (a space, say) is a 400 naming the field, not an InvalidParameterException.
 */
export const usernameQuery = Joi.object<UsernameQuery>({
  username: Joi.string().trim().lowercase().pattern(USERNAME_PATTERN).required().messages({ 'string.pattern.base': USERNAME_RULE }),
});
