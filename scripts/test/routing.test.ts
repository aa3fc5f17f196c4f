import { compileRoutes, matchRoute } from '../lib/routing';
import type { LocalService } from '../lib/topology';

const service = (name: string, routes: Array<[string, string]>): LocalService => ({
  name,
  dir: `/x/${name}`,
  httpPort: 1,
  lambdaPort: 2,
  routes: routes.map(([method, path]) => ({ method, path })),
  functionCount: routes.length,
  hostsEventBus: false,
  hostsS3: false,
  definition: {},
});

describe('the local gateway routing', () => {
  const catalog = service('catalog', [
    ['GET', '/products'],
    ['GET', '/product/{id}'],
    ['POST', '/product/{id}/image'],
  ]);
  const order = service('order', [
    ['GET', '/order/{intent}'],
    ['POST', '/order/cart'],
  ]);
  const routes = compileRoutes([catalog, order]);

  it('matches path parameters to one segment only', () => {
    expect(matchRoute(routes, 'GET', '/product/abc')).toBe(catalog);
    expect(matchRoute(routes, 'GET', '/product/abc/extra')).toBeUndefined();
    expect(matchRoute(routes, 'POST', '/product/abc/image?slot=1')).toBe(catalog);
  });

  it('ignores the query string and matches the method', () => {
    expect(matchRoute(routes, 'GET', '/products?category=Books')).toBe(catalog);
    expect(matchRoute(routes, 'DELETE', '/products')).toBeUndefined();
  });

  it('prefers no route over a wrong one for unknown paths', () => {
    expect(matchRoute(routes, 'GET', '/nope')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/productsx')).toBeUndefined();
  });

  it('routes literal and parameterised paths of the same service', () => {
    expect(matchRoute(routes, 'GET', '/order/cart')).toBe(order);
    expect(matchRoute(routes, 'POST', '/order/cart')).toBe(order);
  });
});
