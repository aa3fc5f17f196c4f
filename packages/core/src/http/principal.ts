import { ForbiddenError, UnauthorizedError } from '../errors';

export const GROUPS = ['admin_group', 'manage_product_group', 'manage_order_group'] as const;
export type Group = (typeof GROUPS)[number];

/** Who may manage the catalog: product managers, and admins (who may do everything). A route's `access`. */
export const PRODUCT_MANAGERS: { anyOf: Group[] } = { anyOf: ['manage_product_group', 'admin_group'] };
/** Who may see and operate every order (ship, deliver, cancel, refund): order staff, and admins. A route's `access`. */
export const ORDER_STAFF: { anyOf: Group[] } = { anyOf: ['manage_order_group', 'admin_group'] };
/** Who may manage users and groups. A route's `access`. */
export const ADMINS: { anyOf: Group[] } = { anyOf: ['admin_group'] };

/** The signed-in caller, as established by the authorizer. */
export interface Principal {
  username: string;
  groups: string[];
}

/**
 * The authorizer's context as API Gateway hands it to a route (simple response, HTTP API).
 * Values are strings because API Gateway context values are scalars.
 */
export interface AuthorizerContext {
  username?: string;
  groups?: string;
  /** `'true'` when a token came but could not be checked (the pool's keys were unreachable). */
  tokenUnchecked?: string;
}

export function principalFromContext(context: AuthorizerContext | undefined): Principal | undefined {
  if (!context?.username) return undefined;
  const groups = context.groups ? context.groups.split(',').filter(Boolean) : [];
  return { username: context.username, groups };
}

export function principalToContext(principal: Principal): Required<Pick<AuthorizerContext, 'username' | 'groups'>> {
  return { username: principal.username, groups: principal.groups.join(',') };
}

/** Throws unless the caller belongs to at least one of the groups. */
export function requireGroup(principal: Principal | undefined, ...groups: Group[]): Principal {
  if (!principal) throw new UnauthorizedError();
  if (!groups.some((group) => principal.groups.includes(group))) {
    throw new ForbiddenError();
  }
  return principal;
}

/** Takes anything with groups: a principal, or a user as the pool lists them. */
export const isAdmin = (member: Pick<Principal, 'groups'>): boolean => member.groups.includes('admin_group');

/** Admins manage products too, whatever groups they were given. */
export const canManageProducts = (member: Pick<Principal, 'groups'>): boolean =>
  isAdmin(member) || member.groups.includes('manage_product_group');
