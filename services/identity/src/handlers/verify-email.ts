import { accepted, httpHandler, ok } from '@estore/core/http';
import { verifySchema } from '../domain/validation';
import type { EmailVerification } from '../email-verification';
import { verifyEmailDependencies } from '../wiring';

export interface VerifyEmailDependencies {
  verification: Pick<EmailVerification, 'sendCode' | 'verifyCode'>;
}

/** `POST /verify`: no code emails one; a code is checked and marks the email verified. */
export function verifyEmail({ verification }: VerifyEmailDependencies) {
  return httpHandler({ access: 'signed-in', body: verifySchema, optionalBody: true }, async ({ body, principal }) => {
    if (!body.code) {
      await verification.sendCode(principal.username);
      return accepted({ sent: true });
    }
    await verification.verifyCode(principal.username, body.code);
    return ok({ emailVerified: true });
  });
}

export const handler = verifyEmail(verifyEmailDependencies());
