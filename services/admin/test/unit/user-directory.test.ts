import { NotFoundError, ValidationError } from '@estore/core/errors';
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
    ).toEqual({
      username: 'alice',
      attributes: { email: 'a@example.test', gender: 'female' },
      status: 'UNCONFIRMED',
      enabled: false,
      createdAt: created,
    });
  });

  it('turns Cognito’s InvalidParameterException on a username into a 400 on username, without Cognito’s message', async () => {
    const cognito = new FakeCognito();
    const message =
      "1 validation error detected: Value 'bad name' at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+";
    cognito.send = async () => {
      throw named('InvalidParameterException', message);
    };
    const error = await new CognitoUserDirectory(cognito.client, 'us-east-1_unitTest')
      .groupsOf('bad name')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'username', message: 'username is not a valid username' },
    ]);
    expect(JSON.stringify((error as ValidationError).toJSON())).not.toMatch(/constraint|regular expression/);
  });

  it('recognises only cognito-local’s own "unsupported" answer', () => {
    expect(
      isUnsupportedByEmulator(
        named(
          'Unsupported',
          'Cognito Local unsupported feature: Unsupported x-amz-target header "AdminUserGlobalSignOut"',
        ),
      ),
    ).toBe(true);
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
