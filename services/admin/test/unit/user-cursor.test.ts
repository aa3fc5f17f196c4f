import { ValidationError } from '@estore/core/errors';
import { createCursorCodec } from '@estore/core/pagination';
import { decodeUserCursor as decode, encodeUserCursor as encode } from '../../src/domain/user-cursor';

const cursors = createCursorCodec('unit-test-cursor-signing-key');
const encodeUserCursor = (position: Parameters<typeof encode>[0], group: Parameters<typeof encode>[1]) =>
  encode(position, group, cursors);
const decodeUserCursor = (cursor: string | undefined, group: Parameters<typeof decode>[1]) =>
  decode(cursor, group, cursors);

describe('the GET /users cursor', () => {
  it('round-trips the Cognito token and the position in its page', () => {
    const cursor = encodeUserCursor({ token: 'CAISlQIIARKuAggDEqgCAEEyM', skip: 0 }, undefined)!;
    expect(decodeUserCursor(cursor, undefined)).toEqual({ token: 'CAISlQIIARKuAggDEqgCAEEyM', skip: 0 });
  });

  it('round-trips the first page with an offset (a read that stopped mid-page)', () => {
    const cursor = encodeUserCursor({ token: undefined, skip: 5 }, 'admin_group')!;
    expect(decodeUserCursor(cursor, 'admin_group')).toEqual({ token: undefined, skip: 5 });
  });

  it('is null on the last page and absent for the first', () => {
    expect(encodeUserCursor(undefined, undefined)).toBeNull();
    expect(decodeUserCursor(undefined, undefined)).toBeUndefined();
  });

  it('hides the Cognito token from the client', () => {
    expect(encodeUserCursor({ token: 'pagination-token', skip: 0 }, undefined)).not.toContain('pagination-token');
  });

  it('refuses a cursor from another listing (all users vs. a group)', () => {
    const cursor = encodeUserCursor({ token: 'x', skip: 0 }, undefined)!;
    expect(() => decodeUserCursor(cursor, 'admin_group')).toThrow(ValidationError);
    const groupCursor = encodeUserCursor({ token: 'x', skip: 0 }, 'admin_group')!;
    expect(() => decodeUserCursor(groupCursor, 'manage_product_group')).toThrow(ValidationError);
  });

  it('refuses a tampered cursor', () => {
    const cursor = encodeUserCursor({ token: 'x', skip: 0 }, undefined)!;
    expect(() => decodeUserCursor(`${cursor.slice(0, -3)}abc`, undefined)).toThrow(ValidationError);
    expect(() => decodeUserCursor('not a cursor', undefined)).toThrow(ValidationError);
  });

  it('refuses a well-signed cursor whose position is not a valid one', () => {
    const negative = cursors.encode({ t: 'x', s: -1 }, 'admin:users:*')!;
    const fractional = cursors.encode({ t: 'x', s: 1.5 }, 'admin:users:*')!;
    const numericToken = cursors.encode({ t: 1, s: 0 }, 'admin:users:*')!;
    const hugeToken = cursors.encode({ t: 'x'.repeat(2000), s: 0 }, 'admin:users:*')!;
    for (const cursor of [negative, fractional, numericToken, hugeToken]) {
      expect(() => decodeUserCursor(cursor, undefined)).toThrow(ValidationError);
    }
  });

  it('refuses a cursor signed with another key (a forged one)', () => {
    const forged = createCursorCodec('someone-elses-signing-key').encode({ t: 'x', s: 0 }, 'admin:users:*')!;
    expect(() => decodeUserCursor(forged, undefined)).toThrow(ValidationError);
  });
});
