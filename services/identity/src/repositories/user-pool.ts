import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { TooManyRequestsError, ValidationError } from '@estore/core/errors';
import { logger } from '@estore/core/logger';
import { GENDERS, type Gender } from '../domain/inputs';
import type { UserProfile } from '../domain/user';
import type { RegisterInput } from '../domain/validation';

export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  /** Only sign-in issues one; a refresh keeps the one the client holds. */
  refreshToken?: string;
}

/** Cognito answers a bad sign-in with several exception names; all mean "no". */
// cognito-local says InvalidPasswordException for a wrong password where Cognito says NotAuthorizedException.
const SIGN_IN_REFUSALS = new Set([
  'NotAuthorizedException',
  'InvalidPasswordException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

const errorName = (error: unknown): string => (error as { name?: string }).name ?? '';

/**
 * The Cognito refusals a client can cause, as the contract's errors. Cognito's own message never
 * reaches a response (it can name internals such as its regular expressions); it goes to the log.
 * Anything else is left as it is and becomes a 500.
 */
export function fromCognitoError(error: unknown): unknown {
  switch (errorName(error)) {
    case 'TooManyRequestsException':
      return new TooManyRequestsError('The user directory is busy; try again in a moment');
    case 'InvalidPasswordException':
      // The deployed pool's policy may be stricter than the service's own check.
      logger.info('Cognito refused a password', { reason: (error as Error).message });
      return new ValidationError('Invalid body', [
        { field: 'password', message: 'password does not meet the password policy' },
      ]);
    case 'InvalidParameterException':
      logger.info('Cognito refused a parameter', { reason: (error as Error).message });
      return new ValidationError('The user directory refused this input', []);
    default:
      return error;
  }
}

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

  /**
   * Creates the user with its password, ready to sign in; 'taken' when the username exists.
   * Only the service creates users (the pool allows admin creation only, so SignUp with the
   * public client id is refused). If the password cannot be set, the user is deleted again, so
   * a half-made account never holds the username.
   */
  async create(input: RegisterInput): Promise<'created' | 'taken'> {
    try {
      await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: input.username,
          // No invitation email: the service sends its own verification code (POST /verify).
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: input.email },
            { Name: 'gender', Value: input.gender },
          ],
        }),
      );
    } catch (error) {
      if (errorName(error) === 'UsernameExistsException') return 'taken';
      throw fromCognitoError(error);
    }
    try {
      // Permanent: CONFIRMED at once, no new-password challenge at the first sign-in.
      await this.cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: this.userPoolId,
          Username: input.username,
          Password: input.password,
          Permanent: true,
        }),
      );
    } catch (error) {
      await this.remove(input.username);
      throw fromCognitoError(error);
    }
    return 'created';
  }

  /** Deletes a user the service just created and could not finish; an absent user is fine. */
  async remove(username: string): Promise<void> {
    try {
      await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    } catch (error) {
      if (errorName(error) !== 'UserNotFoundException') throw fromCognitoError(error);
    }
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
    try {
      await this.cognito.send(new RevokeTokenCommand({ ClientId: this.clientId, Token: refreshToken }));
    } catch (error) {
      throw fromCognitoError(error);
    }
  }

  async profile(username: string): Promise<UserProfile | undefined> {
    try {
      const user = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      return toProfile(user.Username ?? username, user.UserAttributes ?? []);
    } catch (error) {
      if (errorName(error) === 'UserNotFoundException') return undefined;
      throw fromCognitoError(error);
    }
  }

  /** Names the address too: it must be the one the code went to (and cognito-local insists). */
  async markEmailVerified(username: string, email: string): Promise<void> {
    try {
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
    } catch (error) {
      throw fromCognitoError(error);
    }
  }

  private async initiateAuth(
    flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH',
    parameters: Record<string, string>,
  ): Promise<IssuedTokens | undefined> {
    try {
      const result = await this.cognito.send(
        new InitiateAuthCommand({ ClientId: this.clientId, AuthFlow: flow, AuthParameters: parameters }),
      );
      const auth = result.AuthenticationResult;
      if (!auth?.AccessToken || !auth.IdToken)
        throw new Error(`Cognito returned no tokens for ${flow} (challenge ${result.ChallengeName ?? 'none'})`);
      return { accessToken: auth.AccessToken, idToken: auth.IdToken, refreshToken: auth.RefreshToken };
    } catch (error) {
      if (SIGN_IN_REFUSALS.has(errorName(error))) return undefined;
      throw fromCognitoError(error);
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
