import { httpHandler, ok } from '@estore/core/http';
import { sessionService } from '../container';

const identity = sessionService();

export const handler = httpHandler({ access: 'signed-in' }, async ({ principal }) =>
  ok(await identity.currentUser(principal)),
);
