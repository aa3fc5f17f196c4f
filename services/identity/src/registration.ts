import { ConflictError, TooManyRequestsError } from '@estore/core/errors';
import { logger } from '@estore/core/logger';
import { normalizeEmail } from './domain/email';
import { addressKey, clientKey, type RegistrationLimits } from './domain/registration-limits';
import type { RegisterInput } from './domain/validation';
import type { EmailVerification } from './email-verification';
import type { EmailClaimRepository } from './repositories/email-claims';
import type { RateLimitRepository } from './repositories/rate-limits';
import type { UserPoolRepository } from './repositories/user-pool';
import { epochSeconds, openSession, type Session, type SessionParts } from './session';

/** Creating the user and claiming the address, under rate limits, then the first verification code. */
export interface RegistrationDependencies extends SessionParts {
  users: Pick<UserPoolRepository, 'exists' | 'create' | 'remove' | 'signIn' | 'profile'>;
  emailClaims: Pick<EmailClaimRepository, 'claim' | 'activate' | 'release'>;
  rateLimits: Pick<RateLimitRepository, 'hit'>;
  registrationLimits: RegistrationLimits;
  /** Sends the first code right after the account is created. */
  verification: Pick<EmailVerification, 'sendCode'>;
}

/** Who is registering, as far as limits are concerned. */
export interface RegistrationClient {
  sourceIp: string;
}

const usernameTaken = () => new ConflictError('USERNAME_TAKEN', 'That username is taken');

export class Registration {
  constructor(private readonly deps: RegistrationDependencies) {}

  /**
   * Counts the attempt against the client's and the address's limits, claims the email
   * (conditional put), then creates the user. If anything fails after the claim, the claim is
   * given back, and the user too once created, so a failed registration holds neither the
   * username nor the address. The first verification code is sent right away, best effort.
   */
  async register(input: RegisterInput, client: RegistrationClient): Promise<Session> {
    const { users, emailClaims } = this.deps;
    const email = normalizeEmail(input.email);
    await this.limitRegistrations(email, client);
    // Checked first only so a taken username wins over a taken email in the answer; creating the user is the race-safe check.
    if (await users.exists(input.username)) throw usernameTaken();
    if ((await emailClaims.claim(email, input.username, this.seconds())) === 'taken') {
      throw new ConflictError('EMAIL_TAKEN', 'That email is already registered');
    }
    let created: 'created' | 'taken';
    try {
      created = await users.create({ ...input, email });
    } catch (error) {
      await emailClaims.release(email, input.username);
      throw error;
    }
    if (created === 'taken') {
      await emailClaims.release(email, input.username);
      throw usernameTaken();
    }
    let session: Session;
    try {
      await emailClaims.activate(email, input.username, this.seconds());
      const tokens = await users.signIn(input.username, input.password);
      if (!tokens) throw new Error(`A just registered user could not sign in: ${input.username}`);
      session = await openSession(tokens, this.deps);
    } catch (error) {
      await this.undoRegistration(email, input.username);
      throw error;
    }
    try {
      await this.deps.verification.sendCode(input.username);
    } catch (error) {
      // The account exists and the user is signed in; POST /verify sends another code.
      logger.warn('first verification email failed', { username: input.username, error: error as Error });
    }
    return session;
  }

  /** Per client first, so a client over its limit does not also use up the address's tries. */
  private async limitRegistrations(email: string, client: RegistrationClient): Promise<void> {
    const { rateLimits, registrationLimits } = this.deps;
    const { perAddress, perClient, windowSeconds } = registrationLimits;
    const now = this.seconds();
    if (!(await rateLimits.hit(clientKey(client.sourceIp), perClient, windowSeconds, now))) {
      throw new TooManyRequestsError('Too many registrations from this client; try again later', 'RATE_LIMITED');
    }
    if (!(await rateLimits.hit(addressKey(email), perAddress, windowSeconds, now))) {
      throw new TooManyRequestsError('Too many registrations for this email; try again later', 'RATE_LIMITED');
    }
  }

  /** Both undos are tried whatever the other does; the original failure is what the caller must see. */
  private async undoRegistration(email: string, username: string): Promise<void> {
    const undone = await Promise.allSettled([
      this.deps.users.remove(username),
      this.deps.emailClaims.release(email, username),
    ]);
    for (const result of undone) {
      if (result.status === 'rejected')
        logger.error('a failed registration could not be fully undone', { username, error: result.reason as Error });
    }
  }

  private seconds(): number {
    return epochSeconds(this.deps.now);
  }
}
