import { httpHandler, noContent } from '@estore/core';
import { identity } from '../container';

export const handler = httpHandler({ access: 'public' }, async ({ cookies }) => noContent({ cookies: await identity.logout(cookies.RefreshToken) }));
