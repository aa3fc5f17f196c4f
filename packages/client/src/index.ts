import type { Client, ClientOptions } from 'openapi-fetch';
import createOpenApiClient from 'openapi-fetch';
import type { components, paths } from './schema.generated.js';

export type { ClientOptions, Middleware } from 'openapi-fetch';
export type { components, operations, paths } from './schema.generated.js';

/** The E-Store API as openapi-fetch sees it: `GET`, `POST`, `PUT`, `DELETE` (and `request`) typed by path. */
export type EStoreClient = Client<paths>;

/**
 * The contract's error body, `{ error: { code, message, details } }`: what every 4xx and 5xx
 * carries (the `error` of a failed call), so a storefront branches on `error.error.code`.
 */
export type ApiError = components['schemas']['Error'];

/**
 * openapi-fetch's client over the spec's paths. From a browser on another origin pass
 * `credentials: 'include'` so the sign-in cookies travel; from Node pass a bearer token or a
 * cookie in `headers`. Every other openapi-fetch option (fetch, middleware, querySerializer) applies.
 */
export function createClient(options: ClientOptions = {}): EStoreClient {
  return createOpenApiClient<paths>(options);
}
