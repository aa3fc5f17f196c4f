import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** The rules of email verification; the repository enforces them atomically. */
export const VERIFICATION_RULES = {
  /** A code is good for 15 minutes. */
  codeLifetimeSeconds: 15 * 60,
  /** At least a minute between two emails to the same user. */
  resendCooldownSeconds: 60,
  /** At most five emails per user per hour. */
  maxSendsPerWindow: 5,
  sendWindowSeconds: 60 * 60,
  /** Five wrong tries lock the code; the user must ask for a new one. */
  maxWrongAttempts: 5,
} as const;

export type VerificationRules = typeof VERIFICATION_RULES;

/** What the table keeps per user: never the code itself, only a salted hash of it. */
export interface VerificationRecord {
  username: string;
  /** The address the code went to: only that address becomes verified. */
  email: string;
  /** Absent once the code was used. */
  codeHash?: string;
  salt?: string;
  /** Epoch seconds. */
  expiresAt: number;
  attempts: number;
  lastSentAt: number;
  windowStart: number;
  sendsInWindow: number;
  /** Optimistic-lock counter: two concurrent sends cannot both pass the rate limit. */
  version: number;
}

export type SendDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function decideSend(
  existing: VerificationRecord | undefined,
  now: number,
  rules: VerificationRules = VERIFICATION_RULES,
): SendDecision {
  if (!existing) return { allowed: true };
  const sinceLast = now - existing.lastSentAt;
  if (sinceLast < rules.resendCooldownSeconds)
    return { allowed: false, retryAfterSeconds: rules.resendCooldownSeconds - sinceLast };
  const windowOpen = now - existing.windowStart < rules.sendWindowSeconds;
  if (windowOpen && existing.sendsInWindow >= rules.maxSendsPerWindow) {
    return { allowed: false, retryAfterSeconds: existing.windowStart + rules.sendWindowSeconds - now };
  }
  return { allowed: true };
}

export const generateCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Salted with a random value and the username, so equal codes never share a hash. A 6-digit
 * code can be brute-forced offline from any hash, so the real protection is the short lifetime
 * and the attempt limit; the hash keeps live codes out of backups, logs and table reads.
 */
export function hashCode(username: string, code: string, salt: string): string {
  return createHash('sha256').update(`${username}\u0000${salt}\u0000${code}`).digest('base64url');
}

/** A fresh record for a code just sent, carrying the send-rate counters forward. */
export function issueCode(
  username: string,
  email: string,
  code: string,
  existing: VerificationRecord | undefined,
  now: number,
  rules: VerificationRules = VERIFICATION_RULES,
): VerificationRecord {
  const salt = randomBytes(16).toString('base64url');
  const windowOpen = existing !== undefined && now - existing.windowStart < rules.sendWindowSeconds;
  return {
    username,
    email,
    codeHash: hashCode(username, code, salt),
    salt,
    expiresAt: now + rules.codeLifetimeSeconds,
    attempts: 0,
    lastSentAt: now,
    windowStart: windowOpen ? existing.windowStart : now,
    sendsInWindow: windowOpen ? existing.sendsInWindow + 1 : 1,
    version: (existing?.version ?? 0) + 1,
  };
}

/** When the table may forget the record: once neither the code nor the send window matters. */
export const recordExpiry = (record: VerificationRecord, rules: VerificationRules = VERIFICATION_RULES): number =>
  Math.max(record.expiresAt, record.windowStart + rules.sendWindowSeconds);

export type CodeCheck = 'match' | 'mismatch' | 'expired' | 'locked' | 'none';

/** Whether a try may be made at all, before an attempt is spent on it. */
export function precheckCode(
  record: VerificationRecord | undefined,
  now: number,
  rules: VerificationRules = VERIFICATION_RULES,
): CodeCheck | 'open' {
  if (!record?.codeHash) return 'none';
  if (record.attempts >= rules.maxWrongAttempts) return 'locked';
  if (now >= record.expiresAt) return 'expired';
  return 'open';
}

export function codeMatches(record: VerificationRecord, code: string): boolean {
  if (!record.codeHash || !record.salt) return false;
  const expected = Buffer.from(record.codeHash);
  const actual = Buffer.from(hashCode(record.username, code, record.salt));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function verificationEmail(username: string, code: string): { subject: string; text: string; html: string } {
  return {
    subject: `Your E-Store verification code: ${code}`,
    text: `Hello ${username},\n\nyour E-Store verification code is ${code}. It expires in 15 minutes.\n\nIf you did not ask for it, ignore this email.`,
    html: `<p>Hello ${escapeHtml(username)},</p><p>your E-Store verification code is <strong>${code}</strong>. It expires in 15 minutes.</p><p>If you did not ask for it, ignore this email.</p>`,
  };
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
