import { createHmac, timingSafeEqual } from 'node:crypto';
// Static on purpose: behind `await import()` esbuild would bundle the whole SSM client (decision 22).
import { prefetchSecureString, readSecureString } from '../aws/parameter-store';
import { optionalEnv } from '../config';
import { ValidationError } from '../errors';

/** DynamoDB's LastEvaluatedKey: attribute names to string or number values. */
export type PageKey = Record<string, string | number>;

/** Decides whether one value of a decoded page key may be handed to the data source. */
export type CursorValueCheck = (name: string, value: unknown) => boolean;

/** The 400 for a cursor that was tampered with or belongs to another query: one wording everywhere. */
export const invalidCursor = () =>
  new ValidationError('Invalid cursor', [{ field: 'cursor', message: 'cursor is not valid for this query' }]);

/** DynamoDB refuses an empty key string and sort keys over 1,024 bytes (partition keys: 2,048); stay within the stricter. */
const MAX_KEY_VALUE_BYTES = 1024;

/**
 * The default check: every value is a DynamoDB key value (a non-empty string of at most 1,024
 * UTF-8 bytes, or a finite number). A cursor is signed, so this only matters if the signing key
 * ever leaks, but then a forged cursor is still a 400, never a DynamoDB ValidationException (500).
 */
export const isDynamoDbKeyValue: CursorValueCheck = (_name, value) =>
  (typeof value === 'string' && value.length > 0 && Buffer.byteLength(value, 'utf8') <= MAX_KEY_VALUE_BYTES) ||
  (typeof value === 'number' && Number.isFinite(value));

/** Signatures are truncated HMAC-SHA256: 128 bits is far beyond guessing within any request budget. */
const SIGNATURE_BYTES = 16;

export interface CursorCodec {
  /** An opaque cursor for `key`, valid only for `scope` (null when there is no next page). */
  encode(key: PageKey | undefined, scope: string): string | null;
  /**
   * The page key of a cursor issued for `scope`; `expectedKeys` are exactly the attribute names it
   * must have, and `check` each value's shape. Anything else (edited, truncated, from another query
   * or another key) is a 400 `VALIDATION_FAILED` on `cursor`.
   */
  decode(
    cursor: string | undefined,
    scope: string,
    expectedKeys: readonly string[],
    check?: CursorValueCheck,
  ): PageKey | undefined;
}

/**
 * Cursors are `<payload>.<signature>`, both base64url: the payload is the page key as JSON, the
 * signature an HMAC of the query's scope and the payload under a server-side key. The key is what
 * makes a cursor unforgeable: an unkeyed fingerprint of the (public) query could be recomputed by
 * anyone, letting a hand-made key reach DynamoDB. Signing is synchronous: the key is loaded once.
 */
export function createCursorCodec(signingKey: string): CursorCodec {
  if (signingKey.length < 16) throw new Error('The cursor signing key must be at least 16 characters');
  const sign = (scope: string, payload: string): Buffer =>
    createHmac('sha256', signingKey).update(scope).update('\0').update(payload).digest().subarray(0, SIGNATURE_BYTES);

  return {
    encode(key, scope) {
      if (!key) return null;
      const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
      return `${payload}.${sign(scope, payload).toString('base64url')}`;
    },

    decode(cursor, scope, expectedKeys, check = isDynamoDbKeyValue) {
      if (cursor === undefined || cursor === '') return undefined;
      const [payload, signature, ...rest] = cursor.split('.');
      if (!payload || !signature || rest.length > 0) throw invalidCursor();
      // Compared as text, not decoded bytes: the last base64 character carries padding bits a
      // decoder ignores, so several spellings would decode to the same signature.
      const given = Buffer.from(signature, 'utf8');
      const expected = Buffer.from(sign(scope, payload).toString('base64url'), 'utf8');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
      let key: unknown;
      try {
        key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor();
      }
      if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursor();
      const entries = Object.entries(key as Record<string, unknown>);
      const names = entries.map(([name]) => name).sort();
      const wanted = [...expectedKeys].sort();
      if (names.length !== wanted.length || names.some((name, i) => name !== wanted[i])) throw invalidCursor();
      if (entries.some(([name, value]) => !check(name, value))) throw invalidCursor();
      return key as PageKey;
    },
  };
}

/** How long a key read from SSM is trusted before the next cold start reads it again. */
const KEY_MAX_AGE_SECONDS = 300;

/**
 * The signing key: `CURSOR_SIGNING_KEY_PARAMETER` names a SecureString in SSM Parameter Store (AWS),
 * or `CURSOR_SIGNING_KEY` holds the key itself (the local stack's development-only value).
 */
export async function loadCursorSigningKey(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const parameter = optionalEnv('CURSOR_SIGNING_KEY_PARAMETER', env);
  if (parameter) {
    return readSecureString(parameter, KEY_MAX_AGE_SECONDS);
  }
  const value = optionalEnv('CURSOR_SIGNING_KEY', env);
  if (!value) throw new Error('Missing CURSOR_SIGNING_KEY (or CURSOR_SIGNING_KEY_PARAMETER)');
  return value;
}

/** Something that hands out the codec; list operations await it once, then sign synchronously. */
export type CursorCodecSource = () => Promise<CursorCodec>;

/**
 * A repository's codec when its function lists nothing: lists are wired explicitly with
 * `cursorCodecFromEnv`, so only a listing function bundles the key's loader (and the SSM client).
 */
export const cursorsNotWired: CursorCodecSource = () =>
  Promise.reject(new Error('This repository was built without a cursor codec: pass cursorCodecFromEnv to list'));

/**
 * A codec source over `env`, kept for the container's life once built (a failed load is retried by
 * the next request rather than cached). When the key lives in SSM, its read starts right away: a
 * listing function creates its source as its module loads, so a missing key is logged at cold start
 * (`prefetchSecureString`), and the first list joins that read instead of sending another.
 */
export function cursorCodecSource(env?: NodeJS.ProcessEnv): CursorCodecSource {
  const parameter = optionalEnv('CURSOR_SIGNING_KEY_PARAMETER', env ?? process.env);
  if (parameter) void prefetchSecureString(parameter, KEY_MAX_AGE_SECONDS);
  let codec: Promise<CursorCodec> | undefined;
  return () => {
    // The environment as it is at first use (not a copy taken at load), as before the prefetch.
    codec ??= loadCursorSigningKey(env ?? process.env)
      .then(createCursorCodec)
      .catch((error: unknown) => {
        codec = undefined;
        throw error;
      });
    return codec;
  };
}

/**
 * The container's codec, from the configured key. A rotated key reaches new containers only, and
 * cursors signed with the old key are then a 400: the client starts over. Marked pure so that a
 * function importing only `cursorsNotWired` drops it, and with it the SSM client and the prefetch.
 */
export const cursorCodecFromEnv: CursorCodecSource = /* @__PURE__ */ cursorCodecSource();
