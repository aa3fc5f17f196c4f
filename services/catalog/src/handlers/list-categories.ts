import { CATEGORIES } from '@estore/core/catalog';
import { httpHandler, ok } from '@estore/core/http';

export const handler = httpHandler({ access: 'public' }, async () => ok(CATEGORIES));
