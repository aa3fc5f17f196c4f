import type { IdentityDependencies } from '../../src/identity-service';
import type { UserProfile } from '../../src/domain/user';
import type { RegisterInput } from '../../src/domain/validation';
import type { VerificationRecord } from '../../src/domain/verification';
import type { Email } from '@estore/core';
import type { IssuedTokens } from '../../src/repositories/user-pool';

/** An unsigned JWT with the claims the service reads from Cognito's tokens. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

interface StoredUser extends UserProfile {
  password: string;
  groups: string[];
}

/** In-memory stand-ins for the pool, the table and SES, with the same contracts as the repositories. */
export class FakeWorld {
  nowMs = Date.parse('2026-01-01T00:00:00Z');
  readonly users = new Map<string, StoredUser>();
  readonly claims = new Map<string, { username: string; status: 'pending' | 'active' }>();
  readonly codes = new Map<string, VerificationRecord>();
  readonly sent: Email[] = [];
  readonly refreshTokens = new Map<string, string>();
  failSignUpWith?: Error;
  failRevokeWith?: Error;

  addUser(user: Partial<StoredUser> & { username: string }): void {
    this.users.set(user.username, { email: `${user.username}@example.test`, emailVerified: false, gender: 'other', password: 'secret1', groups: [], ...user });
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

  dependencies(): IdentityDependencies {
    return {
      now: () => this.nowMs,
      cookies: { refreshTokenMaxAgeSeconds: 30 * 86400 },
      mailer: { send: async (email) => void this.sent.push(email) },
      users: {
        exists: async (username) => this.users.has(username),
        signUp: async (input: RegisterInput) => {
          if (this.failSignUpWith) throw this.failSignUpWith;
          if (this.users.has(input.username)) return 'taken';
          this.addUser({ username: input.username, email: input.email, password: input.password, gender: input.gender });
          return 'created';
        },
        signIn: async (username, password) => (this.users.get(username)?.password === password ? this.tokensFor(username) : undefined),
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
      emailClaims: {
        claim: async (email, username) => {
          if (this.claims.has(email)) return 'taken';
          this.claims.set(email, { username, status: 'pending' });
          return 'claimed';
        },
        activate: async (email, username) => {
          if (this.claims.get(email)?.username === username) this.claims.set(email, { username, status: 'active' });
        },
        release: async (email, username) => {
          const claim = this.claims.get(email);
          if (claim?.username === username && claim.status === 'pending') this.claims.delete(email);
        },
        usernameFor: async (email) => this.claims.get(email)?.username,
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

  /** The code in the last email sent. */
  lastCode(): string {
    const match = /\b(\d{6})\b/.exec(this.sent[this.sent.length - 1]?.text ?? '');
    if (!match) throw new Error('No code was emailed');
    return match[1];
  }
}
