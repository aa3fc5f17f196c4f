import { COUNTRIES } from '@estore/core/catalog';
import { httpHandler, ok } from '@estore/core/http';

/** `GET /country`: reference data compiled in; no dependencies, so no SDK client and no wiring to load. */
export function listCountries() {
  return httpHandler({ access: 'public' }, async () => ok(COUNTRIES));
}

export const handler = listCountries();
