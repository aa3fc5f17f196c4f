import { httpHandler, ok } from '@estore/core/http';
import { signInService } from '../container';
import { loginSchema } from '../domain/validation';

const identity = signInService();

export const handler = httpHandler({ access: 'public', body: loginSchema }, async ({ body }) => {
  const { user, cookies } = await identity.login(body);
  return ok({ user }, { cookies });
});
