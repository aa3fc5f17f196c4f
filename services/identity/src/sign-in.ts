import { UnauthorizedError } from '@estore/core/errors';
import { normalizeEmail } from './domain/email';
import { isEmailIdentity } from './domain/inputs';
import type { LoginInput } from './domain/validation';
import type { EmailClaimRepository } from './repositories/email-claims';
import type { UserPoolRepository } from './repositories/user-pool';
import { epochSeconds, openSession, type Session, type SessionParts } from './session';

/** Signing in, by username or by a verified email (the email claims). */
export interface SignInDependencies extends SessionParts {
  users: Pick<UserPoolRepository, 'signIn' | 'profile'>;
  emailClaims: Pick<EmailClaimRepository, 'usernameFor'>;
}

const invalidCredentials = () => new UnauthorizedError('Wrong username, email or password', 'INVALID_CREDENTIALS');

export class SignIn {
  constructor(private readonly deps: SignInDependencies) {}

  /** An unknown user, an unknown email and a wrong password are indistinguishable. */
  async login(input: LoginInput): Promise<Session> {
    // An unknown email still goes to Cognito (as a username that cannot exist: usernames have no
    // `@`), so it costs the same round trip as a wrong password and timing tells nothing.
    const username = isEmailIdentity(input.identity)
      ? ((await this.deps.emailClaims.usernameFor(normalizeEmail(input.identity), epochSeconds(this.deps.now))) ??
        input.identity)
      : input.identity;
    const tokens = await this.deps.users.signIn(username, input.password);
    if (!tokens) throw invalidCredentials();
    return openSession(tokens, this.deps);
  }
}
