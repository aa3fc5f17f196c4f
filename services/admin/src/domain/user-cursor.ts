import { decodeCursor, encodeCursor, ValidationError, type Group } from '@estore/core';
import type { PagePosition } from './paging';

/** A cursor is only valid for the listing it came from: all users, or one group's members. */
const scopeOf = (group: Group | undefined): string => `admin:users:${group ?? '*'}`;

/** Wraps the directory's paging position as the contract's opaque cursor (null on the last page). */
export function encodeUserCursor(position: PagePosition | undefined, group: Group | undefined): string | null {
  if (!position) return null;
  return encodeCursor({ t: position.token ?? '', s: position.skip }, scopeOf(group));
}

/** The position a cursor stands for; a tampered cursor or one from another listing is a 400. */
export function decodeUserCursor(cursor: string | undefined, group: Group | undefined): PagePosition | undefined {
  const key = decodeCursor(cursor, scopeOf(group), ['t', 's']);
  if (!key) return undefined;
  const { t, s } = key;
  if (typeof t !== 'string' || typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
    throw new ValidationError('Invalid cursor', [{ field: 'cursor', message: 'cursor is not valid for this query' }]);
  }
  return { token: t === '' ? undefined : t, skip: s };
}
