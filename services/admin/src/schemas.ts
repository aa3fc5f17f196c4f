import Joi from 'joi';
import { GROUPS, pageQueryKeys, type Group } from '@estore/core';
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

/** Cognito usernames are at most 128 characters. */
export const usernameQuery = Joi.object<UsernameQuery>({
  username: Joi.string().trim().min(1).max(128).required(),
});
