import { parseBody } from '../http-event';
import { setUp } from './admin-routes';

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
