import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ValidationError } from '@estore/core';
import type { UserProfile } from '../domain/user';
import { GENDERS, type Gender, type RegisterInput } from '../domain/validation';

export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  /** Only sign-in issues one; a refresh keeps the one the client holds. */
  refreshToken?: string;
}

/** Cognito answers a bad sign-in with several exception names; all mean "no". */
// cognito-local says InvalidPasswordException for a wrong password where Cognito says NotAuthorizedException.
const SIGN_IN_REFUSALS = new Set(['NotAuthorizedException', 'InvalidPasswordException', 'UserNotFoundException', 'UserNotConfirmedException', 'PasswordResetRequiredException']);

const errorName = (error: unknown): string => (error as { name?: string }).name ?? '';

/**
 * The user pool, seen through the few operations the identity service needs. Cognito's
 * exceptions are turned into results here; anything unexpected propagates as a 500.
 */
export class UserPoolRepository {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clientId: string,
  ) {}

  async exists(username: string): Promise<boolean> {
    return (await this.profile(username)) !== undefined;
  }

  /** Creates and confirms the user; 'taken' when the username exists. */
  async signUp(input: RegisterInput): Promise<'created' | 'taken'> {
    try {
      await this.cognito.send(
        new SignUpCommand({
          ClientId: this.clientId,
          Username: input.username,
          Password: input.password,
          UserAttributes: [
            { Name: 'email', Value: input.email },
            { Name: 'gender', Value: input.gender },
          ],
        }),
      );
    } catch (error) {
      if (errorName(error) === 'UsernameExistsException') return 'taken';
      // The deployed pool's policy may be stricter than the service's own check.
      if (errorName(error) === 'InvalidPasswordException') {
        throw new ValidationError('Invalid body', [{ field: 'password', message: (error as Error).message }]);
      }
      throw error;
    }
    // The email is proven later with a code of our own (POST /verify), not at sign-up.
    await this.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: this.userPoolId, Username: input.username }));
    return 'created';
  }

  async signIn(username: string, password: string): Promise<IssuedTokens | undefined> {
    return this.initiateAuth('USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password });
  }

  async refresh(refreshToken: string): Promise<IssuedTokens | undefined> {
    const tokens = await this.initiateAuth('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
    return tokens && { accessToken: tokens.accessToken, idToken: tokens.idToken };
  }

  /** Revokes a refresh token and the access tokens it issued; an unknown token is not an error. */
  async revoke(refreshToken: string): Promise<void> {
    await this.cognito.send(new RevokeTokenCommand({ ClientId: this.clientId, Token: refreshToken }));
  }

  async profile(username: string): Promise<UserProfile | undefined> {
    try {
      const user = await this.cognito.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      return toProfile(user.Username ?? username, user.UserAttributes ?? []);
    } catch (error) {
      if (errorName(error) === 'UserNotFoundException') return undefined;
      throw error;
    }
  }

  /** Names the address too: it must be the one the code went to (and cognito-local insists). */
  async markEmailVerified(username: string, email: string): Promise<void> {
    await this.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: this.userPoolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }

  private async initiateAuth(flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH', parameters: Record<string, string>): Promise<IssuedTokens | undefined> {
    try {
      const result = await this.cognito.send(new InitiateAuthCommand({ ClientId: this.clientId, AuthFlow: flow, AuthParameters: parameters }));
      const auth = result.AuthenticationResult;
      if (!auth?.AccessToken || !auth.IdToken) throw new Error(`Cognito returned no tokens for ${flow} (challenge ${result.ChallengeName ?? 'none'})`);
      return { accessToken: auth.AccessToken, idToken: auth.IdToken, refreshToken: auth.RefreshToken };
    } catch (error) {
      if (SIGN_IN_REFUSALS.has(errorName(error))) return undefined;
      throw error;
    }
  }
}

function toProfile(username: string, attributes: AttributeType[]): UserProfile {
  const value = (name: string) => attributes.find((attribute) => attribute.Name === name)?.Value;
  const gender = value('gender');
  return {
    username,
    email: value('email') ?? '',
    emailVerified: value('email_verified') === 'true',
    gender: GENDERS.includes(gender as Gender) ? (gender as Gender) : null,
  };
}
