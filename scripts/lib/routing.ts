import type { LocalService } from './topology';

export interface CompiledRoute {
  method: string;
  pattern: RegExp;
  service: LocalService;
}

/** `/product/{id}` -> /^\/product\/[^/]+$/; `{proxy+}` matches the rest of the path. */
function compilePath(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (/^\{[^}]+\+\}$/.test(segment)) return '.+';
      if (/^\{[^}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export function compileRoutes(services: LocalService[]): CompiledRoute[] {
  return services.flatMap((service) =>
    service.routes.map((route) => ({ method: route.method, pattern: compilePath(route.path), service })),
  );
}

/** The service that serves `method path`, as API Gateway would match it; undefined when none does. */
export function matchRoute(routes: CompiledRoute[], method: string, url: string): LocalService | undefined {
  const path = url.split('?')[0];
  return routes.find(
    (route) =>
      (route.method === method.toUpperCase() || route.method === 'ANY' || route.method === '*') &&
      route.pattern.test(path),
  )?.service;
}
