import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';

/** DynamoDB's LastEvaluatedKey: attribute names to string or number values. */
export type PageKey = Record<string, string | number>;

const invalidCursor = () => new ValidationError('Invalid cursor', [{ field: 'cursor', message: 'cursor is not valid for this query' }]);

function fingerprint(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 12);
}

/**
 * An opaque cursor: the page key bound to the query it came from (`scope`), so a cursor from
 * another query, or an edited one, is refused with 400 instead of reaching DynamoDB.
 */
export function encodeCursor(key: PageKey | undefined, scope: string): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify({ s: fingerprint(scope), k: key }), 'utf8').toString('base64url');
}

/** Decodes a cursor for `scope`; `expectedKeys` are exactly the attribute names the page key must have. */
export function decodeCursor(cursor: string | undefined, scope: string, expectedKeys: readonly string[]): PageKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalidCursor();
  const { s, k } = parsed as { s?: unknown; k?: unknown };
  if (s !== fingerprint(scope) || typeof k !== 'object' || k === null || Array.isArray(k)) throw invalidCursor();
  const entries = Object.entries(k as Record<string, unknown>);
  const names = entries.map(([name]) => name).sort();
  const expected = [...expectedKeys].sort();
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) throw invalidCursor();
  if (entries.some(([, value]) => typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value)))) {
    throw invalidCursor();
  }
  return k as PageKey;
}
