import './env';
import { createCursorCodec } from '@estore/core/pagination';
import { encodeUserCursor } from '../../src/domain/user-cursor';
import type { UserItem } from '../../src/domain/users';
import { GroupChanges } from '../../src/group-changes';
import { createHandler as createAddUserToGroup } from '../../src/handlers/add-user-to-group';
import { createHandler as createListUsers } from '../../src/handlers/list-users';
import { createHandler as createRemoveUserFromGroup } from '../../src/handlers/remove-user-from-group';
import { CognitoUserDirectory } from '../../src/repositories/user-directory';
import { FakeCognito } from './fake-cognito';
import { type Caller, httpEvent, lambdaContext, parseBody } from './http-event';

const admin: Caller = { username: 'root', groups: ['admin_group'] };
const manager: Caller = { username: 'user', groups: ['manage_product_group'] };
const customer: Caller = { username: 'carol', groups: [] };

interface Page {
  items: UserItem[];
  nextCursor: string | null;
}

/** The pool holds the calling admin (`root`, in admin_group): admin routes confirm that live. */
function setUp(options: { callerInPool?: boolean } = {}) {
  const cognito = new FakeCognito();
  if (options.callerInPool ?? true) cognito.addUser('root', {}, ['admin_group']);
  const directory = new CognitoUserDirectory(cognito.client, 'us-east-1_unitTest');
  const audit = { info: jest.fn(), warn: jest.fn() };
  const changes = new GroupChanges(directory, audit);
  const listUsers = createListUsers(directory);
  const add = createAddUserToGroup(changes);
  const remove = createRemoveUserFromGroup(changes);
  return {
    cognito,
    audit,
    list: (query: Record<string, string> = {}, caller: Caller | null = admin) =>
      listUsers(httpEvent({ method: 'GET', path: '/users', caller: caller ?? undefined, query }), lambdaContext),
    add: (groupname: string, query: Record<string, string>, caller: Caller | null = admin) =>
      add(
        httpEvent({
          method: 'POST',
          path: `/user-group/${groupname}`,
          caller: caller ?? undefined,
          query,
          pathParameters: { groupname },
        }),
        lambdaContext,
      ),
    remove: (groupname: string, query: Record<string, string>, caller: Caller | null = admin) =>
      remove(
        httpEvent({
          method: 'DELETE',
          path: `/user-group/${groupname}`,
          caller: caller ?? undefined,
          query,
          pathParameters: { groupname },
        }),
        lambdaContext,
      ),
  };
}

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
    ).toEqual(['admin_group', 'manage_product_group']);
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

describe('POST /user-group/{groupname}', () => {
  it('adds the user and answers with their groups, logging who did it', async () => {
    const { cognito, add, audit } = setUp();
    cognito.addUser('carol');
    const response = await add('manage_product_group', { username: 'carol' });
    expect(response.statusCode).toBe(200);
    expect(parseBody(response)).toEqual({ username: 'carol', groups: ['manage_product_group'] });
    expect(cognito.groups.get('manage_product_group')).toContain('carol');
    expect(audit.info).toHaveBeenCalledWith(
      'user group changed',
      expect.objectContaining({
        action: 'add',
        group: 'manage_product_group',
        username: 'carol',
        changedBy: 'root',
        requestId: 'req-unit',
      }),
    );
  });

  it('is idempotent for a user already in the group', async () => {
    const { cognito, add } = setUp();
    cognito.addUser('user', {}, ['manage_product_group']);
    const response = await add('manage_product_group', { username: 'user' });
    expect(parseBody(response)).toEqual({ username: 'user', groups: ['manage_product_group'] });
    expect(cognito.callsOf('AdminAddUserToGroupCommand')).toHaveLength(0);
  });

  it('answers 404 NOT_FOUND for an unknown user', async () => {
    const { add } = setUp();
    const response = await add('admin_group', { username: 'ghost' });
    expect(response.statusCode).toBe(404);
    expect(parseBody(response)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 400 naming the field for an unknown group or a missing username', async () => {
    const { cognito, add } = setUp();
    cognito.addUser('carol');
    const badGroup = await add('super_admins', { username: 'carol' });
    expect(badGroup.statusCode).toBe(400);
    expect(parseBody(badGroup)).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'groupname' }] },
    });
    const noUser = await add('admin_group', {});
    expect(noUser.statusCode).toBe(400);
    expect(parseBody(noUser)).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'username' }] } });
    expect(cognito.callsOf('AdminAddUserToGroupCommand')).toHaveLength(0);
  });

  it('is for admins only', async () => {
    const { cognito, add } = setUp();
    cognito.addUser('carol');
    expect((await add('admin_group', { username: 'carol' }, null)).statusCode).toBe(401);
    expect((await add('admin_group', { username: 'carol' }, manager)).statusCode).toBe(403);
    expect((await add('admin_group', { username: 'carol' }, customer)).statusCode).toBe(403);
    expect(cognito.groups.get('admin_group')).toEqual(['root']);
  });
});

describe('DELETE /user-group/{groupname}', () => {
  it('removes the user, revokes their refresh tokens and answers with their groups', async () => {
    const { cognito, remove, audit } = setUp();
    cognito.addUser('user', {}, ['manage_product_group']);
    const response = await remove('manage_product_group', { username: 'user' });
    expect(response.statusCode).toBe(200);
    expect(parseBody(response)).toEqual({ username: 'user', groups: [] });
    expect(cognito.callsOf('AdminUserGlobalSignOutCommand').map((call) => call.input.Username)).toEqual(['user']);
    expect(audit.info).toHaveBeenCalledWith(
      'user group changed',
      expect.objectContaining({ action: 'remove', username: 'user', changedBy: 'root' }),
    );
    expect(audit.info).toHaveBeenCalledWith(
      'refresh tokens revoked after demotion',
      expect.objectContaining({ username: 'user' }),
    );
  });

  it('refuses to remove the last admin with 409 LAST_ADMIN and changes nothing', async () => {
    const { cognito, remove } = setUp();
    cognito.addUser('root', {}, ['admin_group']);
    const response = await remove('admin_group', { username: 'root' });
    expect(response.statusCode).toBe(409);
    expect(parseBody(response)).toMatchObject({ error: { code: 'LAST_ADMIN' } });
    expect(cognito.callsOf('AdminRemoveUserFromGroupCommand')).toHaveLength(0);
    expect(cognito.groups.get('admin_group')).toEqual(['root']);
  });

  it('removes an admin while another remains', async () => {
    const { cognito, remove } = setUp();
    cognito.addUser('root', {}, ['admin_group']);
    cognito.addUser('alice', {}, ['admin_group', 'manage_product_group']);
    const response = await remove('admin_group', { username: 'alice' });
    expect(parseBody(response)).toEqual({ username: 'alice', groups: ['manage_product_group'] });
    expect(cognito.groups.get('admin_group')).toEqual(['root']);
  });

  it('undoes its removal with 409 LAST_ADMIN when a concurrent removal emptied admin_group', async () => {
    const { cognito, remove, audit } = setUp();
    cognito.addUser('root', {}, ['admin_group']);
    cognito.addUser('alice', {}, ['admin_group']);
    // alice demotes root at the same moment: it lands after our check and before our removal.
    cognito.beforeRemove = () => {
      cognito.groups.set('admin_group', ['alice']);
      cognito.beforeRemove = undefined;
    };
    const response = await remove('admin_group', { username: 'alice' });
    expect(response.statusCode).toBe(409);
    expect(parseBody(response)).toMatchObject({ error: { code: 'LAST_ADMIN' } });
    expect(cognito.groups.get('admin_group')).toEqual(['alice']);
    expect(cognito.callsOf('AdminUserGlobalSignOutCommand')).toHaveLength(0);
    expect(audit.warn).toHaveBeenCalledWith(
      expect.stringContaining('undone'),
      expect.objectContaining({ username: 'alice', changedBy: 'root' }),
    );
  });

  it('still demotes when the local emulator cannot revoke tokens, and says so in the log', async () => {
    const { cognito, remove, audit } = setUp();
    cognito.addUser('user', {}, ['manage_product_group']);
    cognito.signOut = 'unsupported';
    const response = await remove('manage_product_group', { username: 'user' });
    expect(response.statusCode).toBe(200);
    expect(cognito.groups.get('manage_product_group')).toEqual([]);
    expect(audit.warn).toHaveBeenCalledWith(
      expect.stringContaining('NOT revoked'),
      expect.objectContaining({ username: 'user' }),
    );
    expect(audit.info).not.toHaveBeenCalledWith('refresh tokens revoked after demotion', expect.anything());
  });

  it('does not pass off any other revocation failure as success', async () => {
    const { cognito, remove } = setUp();
    cognito.addUser('user', {}, ['manage_product_group']);
    cognito.signOut = 'failing';
    const response = await remove('manage_product_group', { username: 'user' });
    expect(response.statusCode).toBe(500);
    expect(parseBody(response)).toEqual({
      error: { code: 'INTERNAL', message: expect.any(String), details: [{ requestId: 'req-unit' }] },
    });
  });

  it('answers a throttled revocation with 429, not 500 (and not success)', async () => {
    const { cognito, remove } = setUp();
    cognito.addUser('user', {}, ['manage_product_group']);
    cognito.signOut = 'throttled';
    const response = await remove('manage_product_group', { username: 'user' });
    expect(response.statusCode).toBe(429);
    expect(response.body).not.toMatch(/Rate exceeded/);
  });

  it('changes nothing and revokes nothing for a user not in the group', async () => {
    const { cognito, remove } = setUp();
    cognito.addUser('carol');
    const response = await remove('admin_group', { username: 'carol' });
    expect(parseBody(response)).toEqual({ username: 'carol', groups: [] });
    expect(cognito.callsOf('AdminRemoveUserFromGroupCommand')).toHaveLength(0);
    expect(cognito.callsOf('AdminUserGlobalSignOutCommand')).toHaveLength(0);
  });

  it('answers 404 for an unknown user and 400 for an unknown group', async () => {
    const { remove } = setUp();
    expect((await remove('admin_group', { username: 'ghost' })).statusCode).toBe(404);
    expect((await remove('everyone', { username: 'ghost' })).statusCode).toBe(400);
  });

  it('is for admins only', async () => {
    const { cognito, remove } = setUp();
    cognito.addUser('user', {}, ['manage_product_group']);
    expect((await remove('manage_product_group', { username: 'user' }, null)).statusCode).toBe(401);
    expect((await remove('manage_product_group', { username: 'user' }, manager)).statusCode).toBe(403);
    expect((await remove('manage_product_group', { username: 'user' }, customer)).statusCode).toBe(403);
    expect(cognito.groups.get('manage_product_group')).toEqual(['user']);
  });
});

describe('a demoted admin whose token still says admin_group', () => {
  it('is refused every admin route with 403, and nothing is written', async () => {
    const { cognito, audit, list, add, remove } = setUp();
    cognito.addUser('alice', {}, ['admin_group']);
    cognito.groups.set('admin_group', ['alice']); // root was demoted after signing in
    expect((await list()).statusCode).toBe(403);
    expect((await add('admin_group', { username: 'root' })).statusCode).toBe(403);
    expect((await remove('admin_group', { username: 'alice' })).statusCode).toBe(403);
    expect(cognito.groups.get('admin_group')).toEqual(['alice']);
    expect(cognito.callsOf('AdminAddUserToGroupCommand')).toHaveLength(0);
    expect(cognito.callsOf('AdminRemoveUserFromGroupCommand')).toHaveLength(0);
    expect(audit.warn).toHaveBeenCalledWith(
      expect.stringContaining('no longer an admin'),
      expect.objectContaining({ changedBy: 'root', action: 'add' }),
    );
  });

  it('is refused with 403 when the caller no longer exists at all', async () => {
    const { list } = setUp({ callerInPool: false });
    expect((await list()).statusCode).toBe(403);
  });

  it('asks Cognito about the caller once per request', async () => {
    const { cognito, add } = setUp();
    cognito.addUser('carol');
    await add('manage_product_group', { username: 'carol' });
    expect(
      cognito.callsOf('AdminListGroupsForUserCommand').filter((call) => call.input.Username === 'root'),
    ).toHaveLength(1);
  });
});

describe('Cognito refusals are 400 / 429, never 500 or Cognito’s words', () => {
  it('refuses a username with a space with 400 naming username, before calling Cognito', async () => {
    const { cognito, add, remove } = setUp();
    for (const response of [
      await add('admin_group', { username: 'bad name' }),
      await remove('admin_group', { username: 'bad name' }),
    ]) {
      expect(response.statusCode).toBe(400);
      expect(
        parseBody<{ error: { details: Array<{ field: string }> } }>(response).error.details.map((d) => d.field),
      ).toEqual(['username']);
    }
    expect(
      cognito.callsOf('AdminListGroupsForUserCommand').filter((call) => call.input.Username === 'bad name'),
    ).toHaveLength(0);
  });

  it('answers Cognito throttling with 429', async () => {
    const { cognito, list } = setUp();
    const send = cognito.send.bind(cognito);
    cognito.send = async (command) => {
      if (command.constructor.name === 'ListUsersCommand')
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      return send(command);
    };
    const response = await list();
    expect(response.statusCode).toBe(429);
    expect(response.body).not.toMatch(/Rate exceeded/);
  });
});
