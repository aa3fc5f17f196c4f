import { ValidationError } from '@estore/core/errors';
import { validate } from '@estore/core/http';
import { groupPath, listUsersQuery, usernameQuery } from '../../src/schemas';

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map((detail) => detail.field ?? '');
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('GET /users query', () => {
  it('defaults the limit to 20 and converts strings', () => {
    expect(validate(listUsersQuery, {}, 'query')).toEqual({ limit: 20 });
    expect(validate(listUsersQuery, { limit: '100', group: 'admin_group' }, 'query')).toEqual({
      limit: 100,
      group: 'admin_group',
    });
  });

  it('refuses a limit outside 1-100 and an unknown group, naming each field', () => {
    expect(fieldsOf(() => validate(listUsersQuery, { limit: '101', group: 'everyone' }, 'query')).sort()).toEqual([
      'group',
      'limit',
    ]);
    expect(fieldsOf(() => validate(listUsersQuery, { limit: '0' }, 'query'))).toEqual(['limit']);
    expect(fieldsOf(() => validate(listUsersQuery, { limit: '2.5' }, 'query'))).toEqual(['limit']);
  });
});

describe('group change parameters', () => {
  it.each(['admin_group', 'manage_product_group', 'manage_order_group'])('accept the store group %s', (groupname) => {
    expect(validate(groupPath, { groupname }, 'path')).toEqual({ groupname });
  });

  it('refuse any other group', () => {
    expect(fieldsOf(() => validate(groupPath, { groupname: 'root' }, 'path'))).toEqual(['groupname']);
  });

  it('require a username', () => {
    expect(validate(usernameQuery, { username: ' bob ' }, 'query')).toEqual({ username: 'bob' });
    expect(fieldsOf(() => validate(usernameQuery, {}, 'query'))).toEqual(['username']);
    expect(fieldsOf(() => validate(usernameQuery, { username: '' }, 'query'))).toEqual(['username']);
  });
});
