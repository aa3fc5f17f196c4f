import type { Email } from '@estore/core/email';
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationError } from '@estore/core/errors';
import { type Principal } from '@estore/core/http';
import { logger } from '@estore/core/logger';
import { type CookieOptions, clearedCookies, sessionCookies } from './domain/cookies';
import { normalizeEmail } from './domain/email';
import {
  addressKey,
  clientKey,
  REGISTRATION_WINDOW_SECONDS,
  type RegistrationLimits,
} from './domain/registration-limits';
import { readIssuedToken, secondsLeft } from './domain/tokens';
import { toUserView, type UserView } from './domain/user';
import { isEmailIdentity, type LoginInput, type RegisterInput } from './domain/validation';
import {
  codeMatches,
  decideSend,
  generateCode,
  issueCode,
  precheckCode,
  VERIFICATION_RULES,
  type VerificationRules,
  verificationEmail,
} from './domain/verification';
import type { EmailClaimRepository } from './repositories/email-claims';
import type { RateLimitRepository } from './repositories/rate-limits';
import type { IssuedTokens, UserPoolRepository } from './repositories/user-pool';
import type { VerificationCodeRepository } from './repositories/verification-codes';

/**
 * Each function wires only the parts its use cases touch (src/container.ts), so it neither builds
 * nor bundles the clients of the others: sessions need the user pool (and email claims to sign in
 * by email); registration and verification add codes, rate limits and the mailer.
 */
export interface IdentityDependencies {
  users: Pick<
    UserPoolRepository,
    'exists' | 'create' | 'remove' | 'signIn' | 'refresh' | 'revoke' | 'profile' | 'markEmailVerified'
  >;
  emailClaims?: Pick<EmailClaimRepository, 'claim' | 'activate' | 'confirm' | 'release' | 'usernameFor'>;
  rateLimits?: Pick<RateLimitRepository, 'hit'>;
  registrationLimits?: RegistrationLimits;
  codes?: Pick<VerificationCodeRepository, 'get' | 'saveIssued' | 'spendAttempt' | 'markUsed'>;
  mailer?: { send(email: Email): Promise<void> };
  cookies: CookieOptions & { refreshTokenMaxAgeSeconds: number };
  /** Milliseconds since the epoch; tests move it to expire codes and open rate windows. */
  now?: () => number;
  rules?: VerificationRules;
}

/** Who is registering, as far as limits are concerned. */
export interface RegistrationClient {
  sourceIp: string;
}

/** Used when the configuration names none (tests); deployed stages set them from stage parameters. */
const DEFAULT_REGISTRATION_LIMITS: RegistrationLimits = {
  perAddress: 5,
  perClient: 20,
  windowSeconds: REGISTRATION_WINDOW_SECONDS,
};

export interface Session {
  user: UserView;
  cookies: string[];
}

const invalidCredentials = () => new UnauthorizedError('Wrong username, email or password', 'INVALID_CREDENTIALS');

/** The identity use cases; handlers only parse requests and shape responses around them. */
export class IdentityService {
  private readonly now: () => number;
  private readonly rules: VerificationRules;
  private readonly registrationLimits: RegistrationLimits;

  constructor(private readonly deps: IdentityDependencies) {
    this.now = deps.now ?? Date.now;
    this.rules = deps.rules ?? VERIFICATION_RULES;
    this.registrationLimits = deps.registrationLimits ?? DEFAULT_REGISTRATION_LIMITS;
  }

  /** A part this function did not wire is a deployment bug, never the caller's: a 500. */
  private need<K extends 'emailClaims' | 'rateLimits' | 'codes' | 'mailer'>(
    part: K,
  ): NonNullable<IdentityDependencies[K]> {
    const dependency = this.deps[part];
    if (!dependency) throw new Error(`IdentityService: ${part} is not wired into this function`);
    return dependency as NonNullable<IdentityDependencies[K]>;
  }

  /**
   * Counts the attempt against the client's and the address's limits, claims the email
   * (conditional put), then creates the user. If anything fails after the claim, the claim is
   * given back, and the user too once created, so a failed registration holds neither the
   * username nor the address. The first verification code is sent right away, best effort.
   */
  async register(input: RegisterInput, client: RegistrationClient): Promise<Session> {
    const { users } = this.deps;
    const emailClaims = this.need('emailClaims');
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
      session = await this.session(tokens);
    } catch (error) {
      await this.undoRegistration(email, input.username);
      throw error;
    }
    try {
      await this.sendCode(input.username);
    } catch (error) {
      // The account exists and the user is signed in; POST /verify sends another code.
      logger.warn('first verification email failed', { username: input.username, error: error as Error });
    }
    return session;
  }

  /** An unknown user, an unknown email and a wrong password are indistinguishable. */
  async login(input: LoginInput): Promise<Session> {
    // An unknown email still goes to Cognito (as a username that cannot exist: usernames have no
    // `@`), so it costs the same round trip as a wrong password and timing tells nothing.
    const username = isEmailIdentity(input.identity)
      ? ((await this.need('emailClaims').usernameFor(normalizeEmail(input.identity), this.seconds())) ?? input.identity)
      : input.identity;
    const tokens = await this.deps.users.signIn(username, input.password);
    if (!tokens) throw invalidCredentials();
    return this.session(tokens);
  }

  async refresh(refreshToken: string | undefined): Promise<Session> {
    if (!refreshToken) throw new UnauthorizedError('No refresh token');
    const tokens = await this.deps.users.refresh(refreshToken);
    if (!tokens) throw new UnauthorizedError('The session has ended; sign in again');
    return this.session(tokens);
  }

  /** Always ends the browser session; revocation is best effort (cognito-local supports it only partly). */
  async logout(refreshToken: string | undefined): Promise<string[]> {
    if (refreshToken) {
      try {
        await this.deps.users.revoke(refreshToken);
      } catch (error) {
        logger.warn('refresh token revocation failed', { error: error as Error });
      }
    }
    return clearedCookies(this.deps.cookies);
  }

  /** Profile from the pool; groups as the caller's access token carries them (those are the ones enforced). */
  async currentUser(principal: Principal): Promise<UserView> {
    const profile = await this.deps.users.profile(principal.username);
    if (!profile) throw new UnauthorizedError('The user no longer exists');
    return toUserView(profile, principal.groups);
  }

  async sendCode(username: string): Promise<void> {
    const { users } = this.deps;
    const codes = this.need('codes');
    const mailer = this.need('mailer');
    const profile = await users.profile(username);
    if (!profile) throw new UnauthorizedError('The user no longer exists');
    const now = this.seconds();
    const existing = await codes.get(username);
    const decision = decideSend(existing, now, this.rules);
    if (!decision.allowed)
      throw new TooManyRequestsError(
        `Wait ${decision.retryAfterSeconds} s before asking for another code`,
        'RATE_LIMITED',
      );
    const code = generateCode();
    // A concurrent send that won the conditional write counts against this one.
    if (!(await codes.saveIssued(issueCode(username, profile.email, code, existing, now, this.rules)))) {
      throw new TooManyRequestsError('A code was just sent', 'RATE_LIMITED');
    }
    await mailer.send({ to: profile.email, ...verificationEmail(username, code) });
  }

  async verifyCode(username: string, code: string): Promise<void> {
    const { users } = this.deps;
    const codes = this.need('codes');
    const record = await codes.get(username);
    const state = precheckCode(record, this.seconds(), this.rules);
    if (state === 'none') throw new ValidationError('No code is pending; ask for a new one', [], 'CODE_EXPIRED');
    if (state === 'expired') throw new ValidationError('The code has expired; ask for a new one', [], 'CODE_EXPIRED');
    if (state === 'locked' || !record?.codeHash) throw codeLocked();
    if (!(await codes.spendAttempt(username, record.codeHash, this.rules.maxWrongAttempts))) throw codeLocked();
    if (!codeMatches(record, code)) throw new ValidationError('The code does not match', [], 'CODE_MISMATCH');
    // The address becomes this user's for good, unless another account holds it: one whose
    // owner verified it, or whose unverified window is still open.
    if (!(await this.need('emailClaims').confirm(record.email, username, this.seconds()))) {
      throw new ConflictError('EMAIL_TAKEN', 'That email belongs to another account');
    }
    await users.markEmailVerified(username, record.email);
    await codes.markUsed(username, record.codeHash);
  }

  private async session(tokens: IssuedTokens): Promise<Session> {
    const claims = readIssuedToken(tokens.accessToken);
    const profile = await this.deps.users.profile(claims.username);
    // Deleted between sign-in (or the refresh token's issue) and now: no session.
    if (!profile) throw new UnauthorizedError('The user no longer exists');
    const now = this.now();
    const cookies = sessionCookies(
      {
        accessToken: tokens.accessToken,
        accessTokenMaxAge: secondsLeft(tokens.accessToken, now),
        idToken: tokens.idToken,
        idTokenMaxAge: secondsLeft(tokens.idToken, now),
        refreshToken: tokens.refreshToken,
        refreshTokenMaxAge: this.deps.cookies.refreshTokenMaxAgeSeconds,
      },
      this.deps.cookies,
    );
    return { user: toUserView(profile, claims.groups), cookies };
  }

  /** Per client first, so a client over its limit does not also use up the address's tries. */
  private async limitRegistrations(email: string, client: RegistrationClient): Promise<void> {
    const { perAddress, perClient, windowSeconds } = this.registrationLimits;
    const now = this.seconds();
    if (!(await this.need('rateLimits').hit(clientKey(client.sourceIp), perClient, windowSeconds, now))) {
      throw new TooManyRequestsError('Too many registrations from this client; try again later', 'RATE_LIMITED');
    }
    if (!(await this.need('rateLimits').hit(addressKey(email), perAddress, windowSeconds, now))) {
      throw new TooManyRequestsError('Too many registrations for this email; try again later', 'RATE_LIMITED');
    }
  }

  /** Both undos are tried whatever the other does; the original failure is what the caller must see. */
  private async undoRegistration(email: string, username: string): Promise<void> {
    const undone = await Promise.allSettled([
      this.deps.users.remove(username),
      this.need('emailClaims').release(email, username),
    ]);
    for (const result of undone) {
      if (result.status === 'rejected')
        logger.error('a failed registration could not be fully undone', { username, error: result.reason as Error });
    }
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

const usernameTaken = () => new ConflictError('USERNAME_TAKEN', 'That username is taken');
const codeLocked = () => new TooManyRequestsError('Too many wrong codes; ask for a new one', 'CODE_LOCKED');
