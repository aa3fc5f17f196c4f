import { NotFoundError } from '@estore/core';
import { CognitoUserDirectory, isUnsupportedByEmulator, toDirectoryUser } from '../../src/repositories/user-directory';
import { FakeCognito } from './fake-cognito';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('the Cognito user directory', () => {
  it('turns Cognito attributes into a map and keeps status, enabled and creation date', () => {
    const created = new Date('2026-05-06T07:08:09.000Z');
    expect(
      toDirectoryUser({
        Username: 'alice',
        Attributes: [
          { Name: 'email', Value: 'a@example.test' },
          { Name: 'gender', Value: 'female' },
        ],
        UserStatus: 'UNCONFIRMED',
        Enabled: false,
        UserCreateDate: created,
      }),
    ).toEqual({ username: 'alice', attributes: { email: 'a@example.test', gender: 'female' }, status: 'UNCONFIRMED', enabled: false, createdAt: created });
  });

  it('recognises only cognito-local’s own "unsupported" answer', () => {
    expect(isUnsupportedByEmulator(named('Unsupported', 'Cognito Local unsupported feature: Unsupported x-amz-target header "AdminUserGlobalSignOut"'))).toBe(true);
    expect(isUnsupportedByEmulator(named('Unsupported', 'something else'))).toBe(false);
    expect(isUnsupportedByEmulator(named('InternalErrorException', 'Cognito Local unsupported feature'))).toBe(false);
    expect(isUnsupportedByEmulator('Unsupported')).toBe(false);
  });

  it('lists every member of a group across Cognito pages', async () => {
    const cognito = new FakeCognito();
    for (let i = 0; i < 130; i++) cognito.addUser(`m${i}`, {}, ['manage_product_group']);
    const members = await new CognitoUserDirectory(cognito.client, 'pool').groupMembers('manage_product_group');
    expect(members).toHaveLength(130);
    expect(cognito.callsOf('ListUsersInGroupCommand')).toHaveLength(3);
  });

  it('reports an unknown user as NotFoundError from every call that names one', async () => {
    const directory = new CognitoUserDirectory(new FakeCognito().client, 'pool');
    await expect(directory.groupsOf('ghost')).rejects.toBeInstanceOf(NotFoundError);
    await expect(directory.addToGroup('ghost', 'admin_group')).rejects.toBeInstanceOf(NotFoundError);
    await expect(directory.removeFromGroup('ghost', 'admin_group')).rejects.toBeInstanceOf(NotFoundError);
    await expect(directory.signOutEverywhere('ghost')).rejects.toBeInstanceOf(NotFoundError);
  });
});
