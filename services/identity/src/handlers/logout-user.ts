import { httpHandler, noContent } from '@estore/core/http';
import { identity } from '../container';

export const handler = httpHandler({ access: 'public' }, async ({ cookies }) => noContent({ cookies: await identity.logout(cookies.RefreshToken) }));
