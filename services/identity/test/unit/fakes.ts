import type { Email } from '@estore/core/email';
import { AppError } from '@estore/core/errors';
import { rejectionOf } from '@estore/testkit';
import { REGISTRATION_WINDOW_SECONDS } from '../../src/domain/registration-limits';
import type { UserProfile } from '../../src/domain/user';
import type { RegisterInput } from '../../src/domain/validation';
import type { VerificationRecord } from '../../src/domain/verification';
import { VERIFICATION_RULES } from '../../src/domain/verification';
import { EmailVerification, type EmailVerificationDependencies } from '../../src/email-verification';
import { Registration, type RegistrationDependencies } from '../../src/registration';
import type { IssuedTokens } from '../../src/repositories/user-pool';
import { Sessions, type SessionsDependencies } from '../../src/sessions';
import { SignIn, type SignInDependencies } from '../../src/sign-in';

/** An unsigned JWT with the claims the service reads from Cognito's tokens. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

/** What a use case refused with, as the contract answers it; anything but an AppError fails the test. */
export async function errorOf(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await rejectionOf(promise, AppError);
  return { status: error.status, code: error.code };
}

/** Every part of every identity use case: each fake keeps the contract of the repository it stands for. */
export type FakeParts = SessionsDependencies &
  SignInDependencies &
  EmailVerificationDependencies &
  Omit<RegistrationDependencies, 'verification'>;

interface StoredUser extends UserProfile {
  password: string;
  groups: string[];
}

/** In-memory stand-ins for the pool, the table and SES, with the same contracts as the repositories. */
export class FakeWorld {
  nowMs = Date.parse('2026-01-01T00:00:00Z');
  readonly users = new Map<string, StoredUser>();
  readonly claims = new Map<
    string,
    { username: string; status: 'pending' | 'active'; verified?: boolean; expiresAt?: number }
  >();
  /** Rate-limit counters by key and window, as the table would hold them. */
  readonly hits = new Map<string, number>();
  readonly codes = new Map<string, VerificationRecord>();
  readonly sent: Email[] = [];
  readonly refreshTokens = new Map<string, string>();
  failSignUpWith?: Error;
  /** Fails the first sign-in after a user's creation, to exercise the undo of a half-finished registration. */
  failSignInWith?: Error;
  readonly removed: string[] = [];
  failRevokeWith?: Error;

  addUser(user: Partial<StoredUser> & { username: string }): void {
    this.users.set(user.username, {
      email: `${user.username}@example.test`,
      emailVerified: false,
      gender: 'other',
      password: 'secret1',
      groups: [],
      ...user,
    });
  }

  private tokensFor(username: string): IssuedTokens {
    const user = this.users.get(username)!;
    const exp = Math.floor(this.nowMs / 1000) + 3600;
    const refreshToken = `refresh-${username}-${this.refreshTokens.size}`;
    this.refreshTokens.set(refreshToken, username);
    return {
      accessToken: fakeJwt({ username, 'cognito:groups': user.groups, exp, token_use: 'access' }),
      idToken: fakeJwt({ 'cognito:username': username, exp, token_use: 'id' }),
      refreshToken,
    };
  }

  /** Every part any identity use case takes, over this world; a test may swap one before building the use cases. */
  parts(): FakeParts {
    return {
      now: () => this.nowMs,
      cookies: { refreshTokenMaxAgeSeconds: 30 * 86400 },
      rules: VERIFICATION_RULES,
      registrationLimits: { perAddress: 5, perClient: 20, windowSeconds: REGISTRATION_WINDOW_SECONDS },
      mailer: { send: async (email) => void this.sent.push(email) },
      users: {
        exists: async (username) => this.users.has(username),
        create: async (input: RegisterInput) => {
          if (this.failSignUpWith) throw this.failSignUpWith;
          if (this.users.has(input.username)) return 'taken';
          this.addUser({
            username: input.username,
            email: input.email,
            password: input.password,
            gender: input.gender,
          });
          return 'created';
        },
        remove: async (username) => {
          this.removed.push(username);
          this.users.delete(username);
        },
        signIn: async (username, password) => {
          if (this.failSignInWith) throw this.failSignInWith;
          return this.users.get(username)?.password === password ? this.tokensFor(username) : undefined;
        },
        refresh: async (token) => {
          const username = this.refreshTokens.get(token);
          if (!username) return undefined;
          const { accessToken, idToken } = this.tokensFor(username);
          return { accessToken, idToken };
        },
        revoke: async (token) => {
          if (this.failRevokeWith) throw this.failRevokeWith;
          this.refreshTokens.delete(token);
        },
        profile: async (username) => {
          const user = this.users.get(username);
          return user && { username, email: user.email, emailVerified: user.emailVerified, gender: user.gender };
        },
        markEmailVerified: async (username, email) => {
          const user = this.users.get(username)!;
          user.email = email;
          user.emailVerified = true;
        },
      },
      // The same conditions as EmailClaimRepository's, over a map (the integration tests run the real ones).
      emailClaims: {
        claim: async (email, username, now) => {
          const current = this.claims.get(email);
          if (current && !(current.expiresAt !== undefined && current.expiresAt < now)) return 'taken';
          this.claims.set(email, { username, status: 'pending', expiresAt: now + 600 });
          return 'claimed';
        },
        activate: async (email, username, now) => {
          if (this.claims.get(email)?.username === username)
            this.claims.set(email, { username, status: 'active', expiresAt: now + 86400 });
        },
        confirm: async (email, username, now) => {
          const current = this.claims.get(email);
          if (current && current.username !== username && !(current.expiresAt !== undefined && current.expiresAt < now))
            return false;
          this.claims.set(email, { username, status: 'active', verified: true });
          return true;
        },
        release: async (email, username) => {
          const claim = this.claims.get(email);
          if (claim?.username === username && !claim.verified) this.claims.delete(email);
        },
        usernameFor: async (email, now) => {
          const claim = this.claims.get(email);
          return claim && !(claim.expiresAt !== undefined && claim.expiresAt < now) ? claim.username : undefined;
        },
      },
      rateLimits: {
        hit: async (key, max, windowSeconds, now) => {
          const counter = `${key}#${now - (now % windowSeconds)}`;
          const hits = this.hits.get(counter) ?? 0;
          if (hits >= max) return false;
          this.hits.set(counter, hits + 1);
          return true;
        },
      },
      codes: {
        get: async (username) => {
          const record = this.codes.get(username);
          return record && { ...record };
        },
        saveIssued: async (record) => {
          const current = this.codes.get(record.username);
          if ((current?.version ?? 0) !== record.version - 1) return false;
          this.codes.set(record.username, { ...record });
          return true;
        },
        spendAttempt: async (username, codeHash, max) => {
          const record = this.codes.get(username);
          if (!record || record.codeHash !== codeHash || record.attempts >= max) return false;
          record.attempts += 1;
          return true;
        },
        markUsed: async (username, codeHash) => {
          const record = this.codes.get(username);
          if (record?.codeHash === codeHash) {
            delete record.codeHash;
            delete record.salt;
          }
        },
      },
    };
  }

  /** The identity use cases, wired the way src/wiring.ts wires them, over these parts. */
  useCases(parts: FakeParts = this.parts()) {
    const verification = new EmailVerification(parts);
    return {
      sessions: new Sessions(parts),
      signIn: new SignIn(parts),
      verification,
      registration: new Registration({ ...parts, verification }),
    };
  }

  /** The code in the last email sent. */
  lastCode(): string {
    const match = /\b(\d{6})\b/.exec(this.sent[this.sent.length - 1]?.text ?? '');
    if (!match) throw new Error('No code was emailed');
    return match[1];
  }
}
