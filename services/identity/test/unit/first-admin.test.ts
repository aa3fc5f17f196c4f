import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SEEDED_STAGES } from '../../scripts/demo-users';
import { checkAdminPassword, createFirstAdmin, findStagePool, parseCreateAdminArgs } from '../../scripts/first-admin';

describe('the demo users and the first admin of a deployed stage', () => {
  it('seeds the demo users (password 123456) on local only, never on a deployed stage such as dev', () => {
    expect(SEEDED_STAGES).toEqual(['local']);
  });

  it('reads stage, username and email, normalized', () => {
    expect(parseCreateAdminArgs(['--stage', 'dev', '--username', 'Ops', '--email', 'Ops@Example.COM'])).toEqual({
      stage: 'dev',
      username: 'ops',
      email: 'ops@example.com',
      userPoolId: undefined,
      region: undefined,
      allowLocal: false,
    });
  });

  it('refuses the local stage unless asked for on purpose', () => {
    expect(() => parseCreateAdminArgs(['--stage', 'local', '--username', 'ops', '--email', 'ops@example.com'])).toThrow(
      /--allow-local/,
    );
    expect(
      parseCreateAdminArgs(['--stage', 'local', '--username', 'ops', '--email', 'ops@example.com', '--allow-local'])
        .allowLocal,
    ).toBe(true);
  });

  it('refuses missing or malformed arguments', () => {
    expect(() => parseCreateAdminArgs(['--stage', 'dev', '--email', 'ops@example.com'])).toThrow(/--username/);
    expect(() => parseCreateAdminArgs(['--stage', 'dev', '--username', 'o p', '--email', 'ops@example.com'])).toThrow(
      /username/,
    );
    expect(() => parseCreateAdminArgs(['--stage', 'dev', '--username', 'ops', '--email', 'nope'])).toThrow(/email/);
    expect(() =>
      parseCreateAdminArgs(['--stage', 'dev', '--username', 'ops', '--email', 'ops@example.com', '--password', 'x']),
    ).toThrow(/--password/);
  });

  it('takes only a password the operator chose: no default, long enough, no outer white space', () => {
    expect(() => checkAdminPassword(undefined)).toThrow(/ESTORE_ADMIN_PASSWORD/);
    expect(() => checkAdminPassword('123456')).toThrow(/at least 12/);
    expect(() => checkAdminPassword(' correct horse battery')).toThrow(/white space/);
    expect(checkAdminPassword('correct horse battery')).toBe('correct horse battery');
  });

  it('finds the stage pool by the name the stack gives it, and refuses when it is not exactly one', async () => {
    const cognito = (pools: Array<{ Name: string; Id: string }>) =>
      ({ send: async () => ({ UserPools: pools }) }) as unknown as CognitoIdentityProviderClient;
    await expect(
      findStagePool(
        cognito([
          { Name: 'estore-dev', Id: 'us-east-1_dev' },
          { Name: 'estore-prod', Id: 'us-east-1_prod' },
        ]),
        'dev',
      ),
    ).resolves.toBe('us-east-1_dev');
    await expect(findStagePool(cognito([]), 'dev')).rejects.toThrow(/--user-pool-id/);
  });

  it('creates the admin with the chosen password, verified email, both groups and the email claim', async () => {
    const send = jest.fn().mockResolvedValue({});
    const claims = { ensureActive: jest.fn().mockResolvedValue(undefined) };
    await createFirstAdmin({ send } as unknown as CognitoIdentityProviderClient, 'us-east-1_dev', claims, {
      username: 'ops',
      email: 'ops@example.com',
      password: 'correct horse battery',
    });
    expect(claims.ensureActive).toHaveBeenCalledWith('ops@example.com', 'ops', expect.any(Number));
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      'AdminCreateUserCommand',
      'AdminSetUserPasswordCommand',
      'AdminAddUserToGroupCommand',
      'AdminAddUserToGroupCommand',
    ]);
    expect(send.mock.calls[0][0].input).toMatchObject({ MessageAction: 'SUPPRESS' });
    expect(send.mock.calls[1][0].input).toEqual({
      UserPoolId: 'us-east-1_dev',
      Username: 'ops',
      Password: 'correct horse battery',
      Permanent: true,
    });
  });
});
