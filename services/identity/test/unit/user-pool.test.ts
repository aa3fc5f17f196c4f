import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ValidationError } from '@estore/core';
import { UserPoolRepository } from '../../src/repositories/user-pool';

const awsError = (name: string) => Object.assign(new Error(name), { name });

function poolAnswering(...answers: Array<unknown | Error>) {
  const send = jest.fn();
  for (const answer of answers) {
    if (answer instanceof Error) send.mockRejectedValueOnce(answer);
    else send.mockResolvedValueOnce(answer);
  }
  const repository = new UserPoolRepository({ send } as unknown as CognitoIdentityProviderClient, 'us-east-1_pool', 'client');
  return { repository, send };
}

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };

describe('the user pool repository', () => {
  it('signs up and confirms a new user', async () => {
    const { repository, send } = poolAnswering({}, {});
    await expect(repository.signUp(registration)).resolves.toBe('created');
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual(['SignUpCommand', 'AdminConfirmSignUpCommand']);
    expect(send.mock.calls[0][0].input).toMatchObject({
      ClientId: 'client',
      Username: 'jane',
      UserAttributes: [
        { Name: 'email', Value: 'jane@example.test' },
        { Name: 'gender', Value: 'female' },
      ],
    });
  });

  it('reports a taken username instead of throwing, and confirms nothing', async () => {
    const { repository, send } = poolAnswering(awsError('UsernameExistsException'));
    await expect(repository.signUp(registration)).resolves.toBe('taken');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('turns a password the deployed policy refuses into a 400 on the password field', async () => {
    const { repository } = poolAnswering(awsError('InvalidPasswordException'));
    await expect(repository.signUp(registration)).rejects.toBeInstanceOf(ValidationError);
  });

  it.each(['NotAuthorizedException', 'UserNotFoundException', 'UserNotConfirmedException', 'InvalidPasswordException'])(
    'treats %s at sign-in as wrong credentials',
    async (name) => {
      const { repository } = poolAnswering(awsError(name));
      await expect(repository.signIn('jane', 'x')).resolves.toBeUndefined();
    },
  );

  it('lets unexpected Cognito failures through (they become a 500)', async () => {
    const { repository } = poolAnswering(awsError('TooManyRequestsException'));
    await expect(repository.signIn('jane', 'x')).rejects.toThrow('TooManyRequestsException');
  });

  it('refuses a sign-in that ends in a challenge instead of tokens', async () => {
    const { repository } = poolAnswering({ ChallengeName: 'NEW_PASSWORD_REQUIRED' });
    await expect(repository.signIn('jane', 'x')).rejects.toThrow(/NEW_PASSWORD_REQUIRED/);
  });

  it('does not hand out a refresh token on refresh', async () => {
    const { repository } = poolAnswering({ AuthenticationResult: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r' } });
    await expect(repository.refresh('r')).resolves.toEqual({ accessToken: 'a', idToken: 'i' });
  });

  it('reads the profile from the attributes, with unknown genders as null', async () => {
    const { repository } = poolAnswering(
      { Username: 'jane', UserAttributes: [{ Name: 'email', Value: 'jane@example.test' }, { Name: 'email_verified', Value: 'true' }, { Name: 'gender', Value: 'female' }] },
      { Username: 'old', UserAttributes: [{ Name: 'email', Value: 'old@example.test' }, { Name: 'gender', Value: 'unknown' }] },
      awsError('UserNotFoundException'),
    );
    await expect(repository.profile('jane')).resolves.toEqual({ username: 'jane', email: 'jane@example.test', emailVerified: true, gender: 'female' });
    await expect(repository.profile('old')).resolves.toEqual({ username: 'old', email: 'old@example.test', emailVerified: false, gender: null });
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
