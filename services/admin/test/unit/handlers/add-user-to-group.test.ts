import { parseBody } from '../http-event';
import { customer, manager, setUp } from './admin-routes';

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
