import { httpHandler, ok } from '@estore/core/http';
import { identity } from '../container';

export const handler = httpHandler({ access: 'signed-in' }, async ({ principal }) => ok(await identity.currentUser(principal)));
