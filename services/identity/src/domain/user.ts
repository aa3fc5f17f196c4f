import { canManageProducts, isAdmin } from '@estore/core/http';
import type { Gender } from './validation';

export interface UserProfile {
  username: string;
  email: string;
  emailVerified: boolean;
  gender: Gender | null;
}

/** The contract's `user`. */
export interface UserView extends UserProfile {
  groups: string[];
  admin: boolean;
  manageProducts: boolean;
}

/** Admins manage products too, whatever groups they were given (the shared rule of @estore/core/http). */
export function toUserView(profile: UserProfile, groups: string[]): UserView {
  return {
    ...profile,
    groups: [...groups].sort(),
    admin: isAdmin({ groups }),
    manageProducts: canManageProducts({ groups }),
  };
}
