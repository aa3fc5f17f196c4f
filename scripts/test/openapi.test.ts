import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readServices, ROOT } from '../lib/topology';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
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
    const declared = readServices().flatMap((service) => service.routes.map((route) => `${route.method} ${route.path}`));
    expect(declared.filter((route) => !documented.has(route))).toEqual([]);
  });
});
