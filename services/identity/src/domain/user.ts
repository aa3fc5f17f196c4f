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

/** Admins manage products too, whatever groups they were given. */
export function toUserView(profile: UserProfile, groups: string[]): UserView {
  const admin = groups.includes('admin_group');
  return {
    ...profile,
    groups: [...groups].sort(),
    admin,
    manageProducts: admin || groups.includes('manage_product_group'),
  };
}
