import { COUNTRIES, httpHandler, ok } from '@estore/core';

export const handler = httpHandler({ access: 'public' }, async () => ok(COUNTRIES));
