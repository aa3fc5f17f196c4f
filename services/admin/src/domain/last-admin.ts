/**
 * The store must always keep at least one admin: nobody else can grant the role back.
 *
 * Cognito has no conditional writes, so the rule is enforced in two steps (see docs/admin.md):
 * a check before the removal refuses the ordinary case, and a check after it catches two admins
 * demoting each other at the same moment, in which case the removal is undone.
 */
export type AdminRemovalDecision = 'not-a-member' | 'last-admin' | 'allowed';

export function decideAdminRemoval(admins: readonly string[], target: string): AdminRemovalDecision {
  if (!admins.includes(target)) return 'not-a-member';
  return admins.some((admin) => admin !== target) ? 'allowed' : 'last-admin';
}

/** After a removal: true when the group ended empty (a concurrent removal won the race) and ours must be undone. */
export const mustRestoreAdmin = (adminsAfterRemoval: readonly string[]): boolean => adminsAfterRemoval.length === 0;
