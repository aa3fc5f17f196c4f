import { type Group } from '@estore/core/http';
import { type CursorCodec, invalidCursor } from '@estore/core/pagination';
import type { PagePosition } from './paging';

/** A cursor is only valid for the listing it came from: all users, or one group's members. */
const scopeOf = (group: Group | undefined): string => `admin:users:${group ?? '*'}`;

/** Cognito's pagination tokens are opaque and long; anything past this is not one of theirs. */
const MAX_TOKEN_LENGTH = 1536;

/** `t` is Cognito's token ('' for the first source page), `s` how many of that page were already shown. */
const isPositionValue = (name: string, value: unknown): boolean =>
  name === 't'
    ? typeof value === 'string' && value.length <= MAX_TOKEN_LENGTH
    : typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Wraps the directory's paging position as the contract's opaque, signed cursor (null on the last page). */
export function encodeUserCursor(
  position: PagePosition | undefined,
  group: Group | undefined,
  cursors: CursorCodec,
): string | null {
  if (!position) return null;
  return cursors.encode({ t: position.token ?? '', s: position.skip }, scopeOf(group));
}

/** The position a cursor stands for; a tampered cursor or one from another listing is a 400. */
export function decodeUserCursor(
  cursor: string | undefined,
  group: Group | undefined,
  cursors: CursorCodec,
): PagePosition | undefined {
  const key = cursors.decode(cursor, scopeOf(group), ['t', 's'], isPositionValue);
  if (!key) return undefined;
  const { t, s } = key;
  if (typeof t !== 'string' || typeof s !== 'number') {
    throw invalidCursor();
  }
  return { token: t === '' ? undefined : t, skip: s };
}
