import { requireEnv } from '@estore/core/config';

/** One message captured by aws-ses-v2-local (its `GET /store` JSON API). */
export interface CapturedEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Epoch seconds. */
  at: number;
}

/** Every email the local SES captured, oldest first, optionally only those sent to `to`. */
export async function listEmails(to?: string): Promise<CapturedEmail[]> {
  const response = await fetch(`${requireEnv('SES_INBOX_URL')}/store`);
  if (!response.ok) throw new Error(`The local SES inbox answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: CapturedEmail[] };
  return to ? emails.filter((email) => email.destination.to.includes(to)) : emails;
}

/**
 * Waits for the `count`-th email to `to` (1 = the first one ever sent there) and returns it.
 * Tests use unique addresses, so counting per address is enough to tell old mail from new.
 */
export async function waitForEmail(to: string, count = 1, timeoutMs = 5000): Promise<CapturedEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await listEmails(to);
    if (emails.length >= count) return emails[count - 1];
    if (Date.now() > deadline)
      throw new Error(`No email #${count} to ${to} within ${timeoutMs} ms (found ${emails.length})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The 6-digit verification code in an email from the identity service. */
export function verificationCodeIn(email: CapturedEmail): string {
  const match = /\b(\d{6})\b/.exec(email.body.text ?? email.subject);
  if (!match) throw new Error(`No 6-digit code in the email "${email.subject}"`);
  return match[1];
}
