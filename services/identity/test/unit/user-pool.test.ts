import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AppError, ValidationError } from '@estore/core/errors';
import { UserPoolRepository } from '../../src/repositories/user-pool';

const awsError = (name: string) => Object.assign(new Error(name), { name });

function poolAnswering(...answers: Array<unknown | Error>) {
  const send = jest.fn();
  for (const answer of answers) {
    if (answer instanceof Error) send.mockRejectedValueOnce(answer);
    else send.mockResolvedValueOnce(answer);
  }
  const repository = new UserPoolRepository(
    { send } as unknown as CognitoIdentityProviderClient,
    'us-east-1_pool',
    'client',
  );
  return { repository, send };
}

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };

describe('the user pool repository', () => {
  it('creates the user as an administrator (no SignUp), without an invitation, with a permanent password', async () => {
    const { repository, send } = poolAnswering({}, {});
    await expect(repository.create(registration)).resolves.toBe('created');
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      'AdminCreateUserCommand',
      'AdminSetUserPasswordCommand',
    ]);
    expect(send.mock.calls[0][0].input).toEqual({
      UserPoolId: 'us-east-1_pool',
      Username: 'jane',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'jane@example.test' },
        { Name: 'gender', Value: 'female' },
      ],
    });
    expect(send.mock.calls[1][0].input).toEqual({
      UserPoolId: 'us-east-1_pool',
      Username: 'jane',
      Password: 'secret1',
      Permanent: true,
    });
  });

  it('reports a taken username instead of throwing, and sets no password', async () => {
    const { repository, send } = poolAnswering(awsError('UsernameExistsException'));
    await expect(repository.create(registration)).resolves.toBe('taken');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('deletes the just created user when its password cannot be set, and answers 400 on the password', async () => {
    const { repository, send } = poolAnswering({}, awsError('InvalidPasswordException'), {});
    const error = await repository.create(registration).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'password', message: 'password does not meet the password policy' },
    ]);
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      'AdminCreateUserCommand',
      'AdminSetUserPasswordCommand',
      'AdminDeleteUserCommand',
    ]);
    expect(send.mock.calls[2][0].input).toEqual({ UserPoolId: 'us-east-1_pool', Username: 'jane' });
  });

  it('turns Cognito’s InvalidParameterException into a 400 that does not repeat Cognito’s message', async () => {
    const cognitoMessage =
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$";
    const { repository } = poolAnswering(
      {},
      Object.assign(new Error(cognitoMessage), { name: 'InvalidParameterException' }),
      {},
    );
    const error = await repository.create(registration).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((error as AppError).toJSON())).not.toMatch(/regular expression|constraint|\^\[/);
  });

  it.each([
    ['create', (repository: UserPoolRepository) => repository.create(registration)],
    ['sign-in', (repository: UserPoolRepository) => repository.signIn('jane', 'x')],
    ['profile', (repository: UserPoolRepository) => repository.profile('jane')],
  ])('answers Cognito throttling at %s with 429, not 500', async (_name, call) => {
    const { repository } = poolAnswering(awsError('TooManyRequestsException'));
    const error = await call(repository).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
  });

  it.each(['NotAuthorizedException', 'UserNotFoundException', 'UserNotConfirmedException', 'InvalidPasswordException'])(
    'treats %s at sign-in as wrong credentials',
    async (name) => {
      const { repository } = poolAnswering(awsError(name));
      await expect(repository.signIn('jane', 'x')).resolves.toBeUndefined();
    },
  );

  it('lets unexpected Cognito failures through (they become a 500)', async () => {
    const { repository } = poolAnswering(awsError('InternalErrorException'));
    await expect(repository.signIn('jane', 'x')).rejects.toThrow('InternalErrorException');
  });

  it('refuses a sign-in that ends in a challenge instead of tokens', async () => {
    const { repository } = poolAnswering({ ChallengeName: 'NEW_PASSWORD_REQUIRED' });
    await expect(repository.signIn('jane', 'x')).rejects.toThrow(/NEW_PASSWORD_REQUIRED/);
  });

  it('does not hand out a refresh token on refresh', async () => {
    const { repository } = poolAnswering({
      AuthenticationResult: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r' },
    });
    await expect(repository.refresh('r')).resolves.toEqual({ accessToken: 'a', idToken: 'i' });
  });

  it('reads the profile from the attributes, with unknown genders as null', async () => {
    const { repository } = poolAnswering(
      {
        Username: 'jane',
        UserAttributes: [
          { Name: 'email', Value: 'jane@example.test' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'gender', Value: 'female' },
        ],
      },
      {
        Username: 'old',
        UserAttributes: [
          { Name: 'email', Value: 'old@example.test' },
          { Name: 'gender', Value: 'unknown' },
        ],
      },
      awsError('UserNotFoundException'),
    );
    await expect(repository.profile('jane')).resolves.toEqual({
      username: 'jane',
      email: 'jane@example.test',
      emailVerified: true,
      gender: 'female',
    });
    await expect(repository.profile('old')).resolves.toEqual({
      username: 'old',
      email: 'old@example.test',
      emailVerified: false,
      gender: null,
    });
    await expect(repository.profile('ghost')).resolves.toBeUndefined();
  });

  it('verifies the address the code went to', async () => {
    const { repository, send } = poolAnswering({});
    await repository.markEmailVerified('jane', 'jane@example.test');
    expect(send.mock.calls[0][0].input.UserAttributes).toEqual([
      { Name: 'email', Value: 'jane@example.test' },
      { Name: 'email_verified', Value: 'true' },
    ]);
  });
});
