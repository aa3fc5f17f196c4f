import { ValidationError } from '@estore/core/errors';
import { createCursorCodec, loadCursorSigningKey } from '@estore/core/pagination';

describe('signed cursors', () => {
  const cursors = createCursorCodec('unit-test-cursor-signing-key');
  const names = ['pk', 'sk', 'price'];
  const key = { pk: 'PRODUCT', sk: 'p#123', price: 1999 };
  const scope = 'category=Books&sort=price_asc';
  /** A cursor with its payload replaced and its signature kept, or a hand-made one. */
  const withPayload = (cursor: string, payload: unknown) =>
    `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${cursor.split('.')[1]}`;

  it('round-trips a page key for the same query', () => {
    expect(cursors.decode(cursors.encode(key, scope)!, scope, names)).toEqual(key);
  });

  it('is null when there is no next page, and no cursor means the first page', () => {
    expect(cursors.encode(undefined, scope)).toBeNull();
    expect(cursors.decode(undefined, scope, names)).toBeUndefined();
    expect(cursors.decode('', scope, names)).toBeUndefined();
  });

  const refusals: Array<[string, () => string, string?]> = [
    ['a cursor from another query', () => cursors.encode(key, scope)!, 'category=Gaming'],
    [
      'a tampered payload under the original signature',
      () => withPayload(cursors.encode(key, scope)!, { ...key, pk: 'PRODUCT#other' }),
    ],
    ['a truncated cursor', () => cursors.encode(key, scope)!.slice(0, -4)],
    ['a cursor without its signature', () => cursors.encode(key, scope)!.split('.')[0]],
    [
      'a wrong signature',
      () => `${cursors.encode(key, scope)!.split('.')[0]}.${Buffer.alloc(16).toString('base64url')}`,
    ],
    [
      'a signature respelled in its last character (same bytes once decoded)',
      () => {
        const cursor = cursors.encode(key, scope)!;
        const last = cursor.at(-1)!;
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        // 16 bytes are 22 characters; the last one's low 4 bits are padding, ignored by a decoder.
        const sibling = alphabet[alphabet.indexOf(last) ^ 1];
        return `${cursor.slice(0, -1)}${sibling}`;
      },
    ],
    ['a cursor signed with another key', () => createCursorCodec('someone-elses-signing-key').encode(key, scope)!],
    [
      'an unsigned cursor in the old format',
      () => Buffer.from(JSON.stringify({ s: 'x', k: key })).toString('base64url'),
    ],
    ['garbage', () => 'not-a-cursor!!'],
    ['extra segments', () => `${cursors.encode(key, scope)!}.x`],
  ];
  it.each(refusals)('refuses %s with a 400 on the cursor field', (_what, make, decodeScope = scope) => {
    expect(() => cursors.decode(make(), decodeScope, names)).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'cursor' })],
      }),
    );
  });

  // Even a correctly signed key (should the signing key leak) must never reach DynamoDB malformed.
  it.each<[string, Record<string, unknown>]>([
    ['an empty key value', { ...key, sk: '' }],
    ['a 2 KB key value', { ...key, sk: 'x'.repeat(2048) }],
    ['a key value over 1,024 UTF-8 bytes in fewer characters', { ...key, sk: 'é'.repeat(513) }],
    ['a non-scalar key value', { ...key, pk: { S: 'x' } }],
    ['a non-finite number', { ...key, price: null }],
    ['other attribute names', { pk: 'x', sk: 'y', other: 1 }],
    ['missing attributes', { pk: 'x' }],
  ])('refuses a signed key with %s', (_what, forged) => {
    const cursor = cursors.encode(forged as Record<string, string>, scope)!;
    expect(() => cursors.decode(cursor, scope, names)).toThrow(ValidationError);
  });

  it('accepts a key value of exactly 1,024 bytes', () => {
    const long = { ...key, sk: 'x'.repeat(1024) };
    expect(cursors.decode(cursors.encode(long, scope)!, scope, names)).toEqual(long);
  });

  it('refuses a signing key too short to be a secret', () => {
    expect(() => createCursorCodec('short')).toThrow(/at least 16/);
  });
});

describe('the cursor signing key', () => {
  it('comes from CURSOR_SIGNING_KEY when no SSM parameter is named (the local stack)', async () => {
    await expect(loadCursorSigningKey({ CURSOR_SIGNING_KEY: 'a-local-development-key' })).resolves.toBe(
      'a-local-development-key',
    );
  });

  it('is required: a list never signs with a made-up default', async () => {
    await expect(loadCursorSigningKey({})).rejects.toThrow(/CURSOR_SIGNING_KEY/);
  });
});
