import { httpHandler, noContent } from '@estore/core/http';
import { sessionService } from '../container';

const identity = sessionService();

export const handler = httpHandler({ access: 'public' }, async ({ cookies }) =>
  noContent({ cookies: await identity.logout(cookies.RefreshToken) }),
);
