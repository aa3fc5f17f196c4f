import { httpHandler, ok } from '@estore/core/http';
import { sessionService } from '../container';

const identity = sessionService();

export const handler = httpHandler({ access: 'public' }, async ({ cookies }) => {
  const { user, cookies: fresh } = await identity.refresh(cookies.RefreshToken);
  return ok({ user }, { cookies: fresh });
});
