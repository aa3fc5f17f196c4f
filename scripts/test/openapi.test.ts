import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, readServices } from '../lib/topology';

interface OpenApi {
  security?: unknown[];
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

interface ServerlessYaml {
  functions?: Record<string, { events?: Array<{ httpApi?: { method: string; path: string; authorizer?: unknown } }> }>;
}

/** `METHOD /path` of every route behind the shared authorizer, read from each serverless.yml. */
function protectedRoutes(): Set<string> {
  return new Set(
    readServices().flatMap((service) => {
      const config = parse(readFileSync(join(service.dir, 'serverless.yml'), 'utf8'), {
        logLevel: 'silent',
      }) as ServerlessYaml;
      return Object.values(config.functions ?? {}).flatMap((fn) =>
        (fn.events ?? []).flatMap((event) =>
          event.httpApi?.authorizer ? [`${event.httpApi.method.toUpperCase()} ${event.httpApi.path}`] : [],
        ),
      );
    }),
  );
}

describe('docs/openapi.yaml', () => {
  const spec = parse(readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8')) as OpenApi;
  const documented = new Set(
    Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'delete', 'patch'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );

  it('documents every route a service declares', () => {
    const declared = readServices().flatMap((service) =>
      service.routes.map((route) => `${route.method} ${route.path}`),
    );
    expect(declared.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('declares security on exactly the operations behind the authorizer', () => {
    const secured = protectedRoutes();
    const mismatched = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([key]) => ['get', 'post', 'put', 'delete', 'patch'].includes(key))
        .flatMap(([method, operation]) => {
          const route = `${method.toUpperCase()} ${path}`;
          const declaresSecurity = (operation.security ?? spec.security ?? []).length > 0;
          return declaresSecurity === secured.has(route)
            ? []
            : [
                `${route}: ${secured.has(route) ? 'protected, but the spec declares no security' : 'public, but the spec declares security'}`,
              ];
        }),
    );
    expect(mismatched).toEqual([]);
  });
});
