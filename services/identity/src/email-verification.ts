import type { Email } from '@estore/core/email';
import { ConflictError, TooManyRequestsError, ValidationError } from '@estore/core/errors';
import {
  codeMatches,
  decideSend,
  generateCode,
  issueCode,
  precheckCode,
  type VerificationRules,
  verificationEmail,
} from './domain/verification';
import type { EmailClaimRepository } from './repositories/email-claims';
import type { UserPoolRepository } from './repositories/user-pool';
import type { VerificationCodeRepository } from './repositories/verification-codes';
import { type Clock, epochSeconds, userGone } from './session';

/** Codes, the mailer, and the claim the verified address confirms. */
export interface EmailVerificationDependencies {
  users: Pick<UserPoolRepository, 'profile' | 'markEmailVerified'>;
  codes: Pick<VerificationCodeRepository, 'get' | 'saveIssued' | 'spendAttempt' | 'markUsed'>;
  emailClaims: Pick<EmailClaimRepository, 'confirm'>;
  mailer: { send(email: Email): Promise<void> };
  rules: VerificationRules;
  now: Clock;
}

const codeLocked = () => new TooManyRequestsError('Too many wrong codes; ask for a new one', 'CODE_LOCKED');

/** Emails a six-digit code and marks the address verified when the user types it back. */
export class EmailVerification {
  constructor(private readonly deps: EmailVerificationDependencies) {}

  async sendCode(username: string): Promise<void> {
    const { users, codes, mailer, rules } = this.deps;
    const profile = await users.profile(username);
    if (!profile) throw userGone();
    const now = epochSeconds(this.deps.now);
    const existing = await codes.get(username);
    const decision = decideSend(existing, now, rules);
    if (!decision.allowed)
      throw new TooManyRequestsError(
        `Wait ${decision.retryAfterSeconds} s before asking for another code`,
        'RATE_LIMITED',
      );
    const code = generateCode();
    // A concurrent send that won the conditional write counts against this one.
    if (!(await codes.saveIssued(issueCode(username, profile.email, code, existing, now, rules)))) {
      throw new TooManyRequestsError('A code was just sent', 'RATE_LIMITED');
    }
    await mailer.send({ to: profile.email, ...verificationEmail(username, code) });
  }

  async verifyCode(username: string, code: string): Promise<void> {
    const { users, codes, emailClaims, rules } = this.deps;
    const record = await codes.get(username);
    const state = precheckCode(record, epochSeconds(this.deps.now), rules);
    if (state === 'none') throw new ValidationError('No code is pending; ask for a new one', [], 'CODE_EXPIRED');
    if (state === 'expired') throw new ValidationError('The code has expired; ask for a new one', [], 'CODE_EXPIRED');
    if (state === 'locked' || !record?.codeHash) throw codeLocked();
    if (!(await codes.spendAttempt(username, record.codeHash, rules.maxWrongAttempts))) throw codeLocked();
    if (!codeMatches(record, code)) throw new ValidationError('The code does not match', [], 'CODE_MISMATCH');
    // The address becomes this user's for good, unless another account holds it: one whose
    // owner verified it, or whose unverified window is still open.
    if (!(await emailClaims.confirm(record.email, username, epochSeconds(this.deps.now)))) {
      throw new ConflictError('EMAIL_TAKEN', 'That email belongs to another account');
    }
    await users.markEmailVerified(username, record.email);
    await codes.markUsed(username, record.codeHash);
  }
}
