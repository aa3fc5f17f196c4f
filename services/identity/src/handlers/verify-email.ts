import { accepted, httpHandler, ok } from '@estore/core/http';
import { onboardingService } from '../container';
import { verifySchema } from '../domain/validation';

const identity = onboardingService();

/** No code: email one. A code: check it and mark the email verified. */
export const handler = httpHandler(
  { access: 'signed-in', body: verifySchema, optionalBody: true },
  async ({ body, principal }) => {
    if (!body.code) {
      await identity.sendCode(principal.username);
      return accepted({ sent: true });
    }
    await identity.verifyCode(principal.username, body.code);
    return ok({ emailVerified: true });
  },
);
