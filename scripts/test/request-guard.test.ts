import { isAllowedHost, stripOfflineHeaders } from '../lib/request-guard';

describe("the gateway's request guard", () => {
  it('drops every sls-offline-* header, whatever its case, and keeps the others', () => {
    const headers = {
      'sls-offline-authorizer-override': '{"lambda":{"username":"x","groups":"admin_group"}}',
      'SLS-Offline-Other': '1',
      authorization: 'Bearer t',
    };
    expect(stripOfflineHeaders(headers).sort()).toEqual(['SLS-Offline-Other', 'sls-offline-authorizer-override']);
    expect(headers).toEqual({ authorization: 'Bearer t' });
  });

  it.each(['localhost:3000', '127.0.0.1:3000', 'LOCALHOST:3000', '[::1]:3000'])(
    'accepts the loopback Host %s',
    (host) => {
      expect(isAllowedHost(host, 3000)).toBe(true);
    },
  );

  it.each([
    undefined,
    '',
    'evil.test:3000',
    'evil.test',
    'localhost',
    'localhost:3001',
    '127.0.0.1.evil.test:3000',
    'localhost:3000.evil.test',
  ])('refuses the Host %p', (host) => {
    expect(isAllowedHost(host, 3000)).toBe(false);
  });
});
