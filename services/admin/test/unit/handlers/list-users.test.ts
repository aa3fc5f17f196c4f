import { createCursorCodec } from '@estore/core/pagination';
import { encodeUserCursor } from '../../../src/domain/user-cursor';
import { parseBody } from '../http-event';
import { customer, manager, type Page, setUp } from './admin-routes';

describe('GET /users (handler with an injected Cognito client)', () => {
  it('maps Cognito users to contract items with their groups', async () => {
    const { cognito, list } = setUp();
    cognito.addUser('root', { email: 'root@example.test', email_verified: 'true', gender: 'other' }, [
      'admin_group',
      'manage_product_group',
    ]);
    cognito.addUser('carol', { email: 'carol@example.test', email_verified: 'false', gender: 'female' });
    const response = await list();
    expect(response.statusCode).toBe(200);
    expect(parseBody<Page>(response)).toEqual({
      items: [
        {
          username: 'root',
          email: 'root@example.test',
          emailVerified: true,
          gender: 'other',
          status: 'CONFIRMED',
          enabled: true,
          groups: ['admin_group', 'manage_product_group'],
          createdAt: '2026-01-02T03:04:05.000Z',
        },
        expect.objectContaining({ username: 'carol', emailVerified: false, groups: [] }),
      ],
      nextCursor: null,
    });
  });

  it('looks groups up with one listing per group, not one call per user', async () => {
    const { cognito, list } = setUp();
    for (let i = 0; i < 50; i++) cognito.addUser(`u${i}`, {}, i % 5 === 0 ? ['manage_product_group'] : []);
    await list({ limit: '50' });
    // One call, for the caller's live admin membership; none per user listed.
    expect(cognito.callsOf('AdminListGroupsForUserCommand').map((call) => call.input.Username)).toEqual(['root']);
    expect(
      cognito
        .callsOf('ListUsersInGroupCommand')
        .map((call) => call.input.GroupName)
        .sort(),
    ).toEqual(['admin_group', 'manage_order_group', 'manage_product_group']);
  });

  it('bounds the group lookup by the page, not by the size of the groups', async () => {
    const { cognito, list } = setUp();
    // 500 managers: listing the group whole would take 9 calls per request, on every page.
    for (let i = 0; i < 500; i++)
      cognito.addUser(
        `m${String(i).padStart(3, '0')}`,
        {},
        i === 3 ? ['admin_group', 'manage_product_group'] : ['manage_product_group'],
      );
    const page = parseBody<Page>(await list({ limit: '20' }));
    expect(page.items).toHaveLength(20);
    const groupsOf = (username: string) => page.items.find((item) => item.username === username)?.groups;
    expect(groupsOf('m003')).toEqual(['admin_group', 'manage_product_group']);
    expect(groupsOf('m004')).toEqual(['manage_product_group']);
    const groupListings = cognito
      .callsOf('ListUsersInGroupCommand')
      .filter((call) => call.input.GroupName === 'manage_product_group');
    expect(groupListings).toHaveLength(2); // MAX_GROUP_LISTING_CALLS, then it gives up on the listing
    // One per user of the page, plus the caller's live admin check.
    expect(cognito.callsOf('AdminListGroupsForUserCommand')).toHaveLength(21);
  });

  it('serves a limit above Cognito’s 60 from several calls and pages through every user exactly once', async () => {
    const { cognito, list } = setUp();
    for (let i = 0; i < 130; i++) cognito.addUser(`u${String(i).padStart(3, '0')}`);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const response = await list({ limit: '100', ...(cursor ? { cursor } : {}) });
      expect(response.statusCode).toBe(200);
      const page = parseBody<Page>(response);
      seen.push(...page.items.map((item) => item.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(131); // the 130 and the calling admin
    expect(new Set(seen).size).toBe(131);
    expect(cognito.callsOf('ListUsersCommand').map((call) => call.input.Limit)).toEqual([60, 40, 60]);
  });

  it('lists one group’s members with ListUsersInGroup when ?group= is given', async () => {
    const { cognito, list } = setUp();
    cognito.addUser('root', {}, ['admin_group', 'manage_product_group']);
    cognito.addUser('user', {}, ['manage_product_group']);
    cognito.addUser('carol');
    const page = parseBody<Page>(await list({ group: 'manage_product_group' }));
    expect(page.items.map((item) => [item.username, item.groups])).toEqual([
      ['root', ['admin_group', 'manage_product_group']],
      ['user', ['manage_product_group']],
    ]);
    expect(cognito.callsOf('ListUsersCommand')).toHaveLength(0);
  });

  it('answers 400 for an unknown group, a bad limit, and a cursor from another listing', async () => {
    const { cognito, list } = setUp();
    for (let i = 0; i < 3; i++) cognito.addUser(`u${i}`);
    expect((await list({ group: 'everyone' })).statusCode).toBe(400);
    expect((await list({ limit: '101' })).statusCode).toBe(400);
    const cursor = parseBody<Page>(await list({ limit: '1' })).nextCursor!;
    const foreign = await list({ group: 'admin_group', cursor });
    expect(foreign.statusCode).toBe(400);
    expect(parseBody(foreign)).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid cursor',
        details: [{ field: 'cursor', message: expect.any(String) }],
      },
    });
  });

  it('answers 400 for a well-formed cursor whose Cognito token Cognito refuses (expired, another pool)', async () => {
    const { cognito, list } = setUp();
    cognito.addUser('u1');
    const response = await list({
      cursor: encodeUserCursor(
        { token: 'not-a-cognito-token', skip: 0 },
        undefined,
        createCursorCodec(process.env.CURSOR_SIGNING_KEY!),
      )!,
    });
    expect(response.statusCode).toBe(400);
    expect(parseBody(response)).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'cursor' }] } });
  });

  it('is for admins only: 401 anonymous, 403 manager and customer', async () => {
    const { list } = setUp();
    expect((await list({}, null)).statusCode).toBe(401);
    expect((await list({}, manager)).statusCode).toBe(403);
    expect((await list({}, customer)).statusCode).toBe(403);
  });
});
