import { httpHandler, ok } from '@estore/core/http';
import { identity } from '../container';
import { loginSchema } from '../domain/validation';

export const handler = httpHandler({ access: 'public', body: loginSchema }, async ({ body }) => {
  const { user, cookies } = await identity.login(body);
  return ok({ user }, { cookies });
});
