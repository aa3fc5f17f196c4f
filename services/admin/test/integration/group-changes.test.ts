import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GroupChanges } from '../../src/group-changes';
import { addUserToGroup } from '../../src/handlers/add-user-to-group';
import { removeUserFromGroup } from '../../src/handlers/remove-user-from-group';
import { type Caller, invoke } from './http';
import { cognito, createIsolatedPool, type IsolatedPool } from './isolated-pool';

interface UserGroups {
  username: string;
  groups: string[];
}

const groupsInToken = (token: string): string[] =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { 'cognito:groups'?: string[] })[
    'cognito:groups'
  ] ?? [];

jest.setTimeout(20_000);

describe('POST and DELETE /user-group/{groupname} against cognito-local (a pool of its own)', () => {
  let pool: IsolatedPool;
  const audit = { info: jest.fn(), warn: jest.fn() };
  let add: ReturnType<typeof addUserToGroup>;
  let remove: ReturnType<typeof removeUserFromGroup>;
  /** An admin of this pool: admin routes confirm the caller's membership in the pool itself. */
  let adminCaller: Caller;

  beforeAll(async () => {
    pool = await createIsolatedPool();
    adminCaller = { username: await pool.createUser('it_adm_', ['admin_group']), groups: ['admin_group'] };
    const changes = new GroupChanges(pool.directory, audit);
    add = addUserToGroup({ changes });
    remove = removeUserFromGroup({ changes });
  });

  afterAll(() => pool.dispose());
  beforeEach(async () => {
    jest.clearAllMocks();
    // The LAST_ADMIN tests empty admin_group; every test starts with the calling admin in it.
    await pool.directory.addToGroup(adminCaller.username, 'admin_group');
  });

  const change = (
    handler: typeof add,
    method: string,
    groupname: string,
    query: Record<string, string>,
    caller: Caller | null = adminCaller,
  ) =>
    invoke<UserGroups>(handler, {
      method,
      path: `/user-group/${groupname}`,
      caller,
      query,
      pathParameters: { groupname },
    });

  it('grants and withdraws manage_product_group, answering the user’s groups and logging who did it', async () => {
    const customer = await pool.createUser('cus_');
    const granted = await change(add, 'POST', 'manage_product_group', { username: customer });
    expect(granted).toEqual({ status: 200, body: { username: customer, groups: ['manage_product_group'] } });
    expect(await pool.groupsOf(customer)).toEqual(['manage_product_group']);
    expect(audit.info).toHaveBeenCalledWith(
      'user group changed',
      expect.objectContaining({ action: 'add', username: customer, changedBy: adminCaller.username }),
    );

    const withdrawn = await change(remove, 'DELETE', 'manage_product_group', { username: customer });
    expect(withdrawn).toEqual({ status: 200, body: { username: customer, groups: [] } });
    expect(await pool.groupsOf(customer)).toEqual([]);
    expect(audit.info).toHaveBeenCalledWith(
      'user group changed',
      expect.objectContaining({ action: 'remove', username: customer, changedBy: adminCaller.username }),
    );
  });

  it('answers 404 for an unknown user and 400 for an unknown group or a missing username', async () => {
    expect((await change(add, 'POST', 'admin_group', { username: 'nobody_here' })).status).toBe(404);
    expect((await change(remove, 'DELETE', 'admin_group', { username: 'nobody_here' })).status).toBe(404);
    const spaced = await change(add, 'POST', 'admin_group', { username: 'nobody here' });
    expect(spaced).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ field: 'username' }] } },
    });
    const user = await pool.createUser('cus_');
    const badGroup = await change(add, 'POST', 'owners', { username: user });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'groupname' }] } });
    expect((await change(add, 'POST', 'admin_group', {})).status).toBe(400);
    expect(await pool.groupsOf(user)).toEqual([]);
  });

  it('refuses to remove the last admin (409 LAST_ADMIN), and allows it while another admin remains', async () => {
    // Only alice and bob in the group, so the counts below are exact.
    for (const other of await pool.membersOf('admin_group')) await pool.directory.removeFromGroup(other, 'admin_group');
    const alice = await pool.createUser('adm_', ['admin_group']);
    const bob = await pool.createUser('adm_', ['admin_group']);

    expect(
      (await change(remove, 'DELETE', 'admin_group', { username: alice }, { username: bob, groups: ['admin_group'] }))
        .status,
    ).toBe(200);
    const last = await change(
      remove,
      'DELETE',
      'admin_group',
      { username: bob },
      { username: bob, groups: ['admin_group'] },
    );
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({ error: { code: 'LAST_ADMIN' } });
    expect(await pool.membersOf('admin_group')).toEqual([bob]);
  });

  it('keeps an admin when two admins demote each other at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const alice = await pool.createUser('race_', ['admin_group']);
      const bob = await pool.createUser('race_', ['admin_group']);
      const admins = await pool.membersOf('admin_group');
      // Leave only alice and bob in the group, so the race is over the last admin.
      for (const other of admins.filter((name) => name !== alice && name !== bob)) {
        await pool.directory.removeFromGroup(other, 'admin_group');
      }
      const results = await Promise.all([
        change(remove, 'DELETE', 'admin_group', { username: bob }, { username: alice, groups: ['admin_group'] }),
        change(remove, 'DELETE', 'admin_group', { username: alice }, { username: bob, groups: ['admin_group'] }),
      ]);
      expect(results.map((r) => r.status).sort()).not.toEqual([200, 200]);
      // 403: the other's removal landed before this caller's live admin check, which is right too.
      const code = (r: { body: unknown }) => (r.body as { error: { code: string } }).error.code;
      expect(
        results.every(
          (r) =>
            r.status === 200 ||
            (r.status === 409 && code(r) === 'LAST_ADMIN') ||
            (r.status === 403 && code(r) === 'FORBIDDEN'),
        ),
      ).toBe(true);
      expect((await pool.membersOf('admin_group')).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('demotes even though cognito-local cannot revoke refresh tokens, and logs that they were not revoked', async () => {
    const manager = await pool.createUser('mgr_', ['manage_product_group']);
    const signIn = await cognito.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: manager, PASSWORD: 'secret123' },
      }),
    );
    expect(groupsInToken(signIn.AuthenticationResult!.AccessToken!)).toEqual(['manage_product_group']);

    const response = await change(remove, 'DELETE', 'manage_product_group', { username: manager });
    expect(response).toEqual({ status: 200, body: { username: manager, groups: [] } });
    expect(audit.warn).toHaveBeenCalledWith(
      expect.stringContaining('NOT revoked'),
      expect.objectContaining({ username: manager }),
    );
    expect(audit.info).not.toHaveBeenCalledWith('refresh tokens revoked after demotion', expect.anything());

    // Locally the old refresh token still works (in AWS it would be revoked); the token it
    // mints no longer carries the group: a change takes effect at the next token issue.
    const refreshed = await cognito.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: signIn.AuthenticationResult!.RefreshToken! },
      }),
    );
    expect(groupsInToken(refreshed.AuthenticationResult!.AccessToken!)).toEqual([]);
  });

  it('is refused to a manager (403), a customer (403) and anonymous callers (401), changing nothing', async () => {
    const target = await pool.createUser('cus_');
    for (const [handler, method] of [
      [add, 'POST'],
      [remove, 'DELETE'],
    ] as const) {
      expect(
        (
          await change(
            handler,
            method,
            'admin_group',
            { username: target },
            { username: 'm', groups: ['manage_product_group'] },
          )
        ).status,
      ).toBe(403);
      expect(
        (await change(handler, method, 'admin_group', { username: target }, { username: 'c', groups: [] })).status,
      ).toBe(403);
      expect((await change(handler, method, 'admin_group', { username: target }, null)).status).toBe(401);
    }
    expect(await pool.groupsOf(target)).toEqual([]);
  });
});
