import { CATEGORIES } from '@estore/core/catalog';
import { httpHandler, ok } from '@estore/core/http';

/** `GET /category`: reference data compiled in; no dependencies, so no SDK client and no wiring to load. */
export function listCategories() {
  return httpHandler({ access: 'public' }, async () => ok(CATEGORIES));
}

export const handler = listCategories();
