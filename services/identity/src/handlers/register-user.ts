import { created, httpHandler } from '@estore/core/http';
import { identity, registerBody } from '../container';

export const handler = httpHandler({ access: 'public', body: registerBody }, async ({ body, sourceIp }) => {
  const { user, cookies } = await identity.register(body, { sourceIp });
  return created({ user }, { cookies });
});
