import { created, httpHandler } from '@estore/core/http';
import { config, onboardingService } from '../container';
import { registerSchema } from '../domain/validation';

const identity = onboardingService();

// Built here, not in the container: the other identity functions never validate a registration.
const registerBody = registerSchema(config.passwordMinLength);

export const handler = httpHandler({ access: 'public', body: registerBody }, async ({ body, sourceIp }) => {
  const { user, cookies } = await identity.register(body, { sourceIp });
  return created({ user }, { cookies });
});
