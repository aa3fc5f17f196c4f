import { parseBody } from '../http-event';
import { customer, manager, setUp } from './admin-routes';

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
