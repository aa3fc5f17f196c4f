import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwksFetcher, JWKS_TIMEOUT_MS, JwksUnavailableError } from '@estore/core/auth';

describe('the JWKS fetcher', () => {
  let server: Server;
  let base: string;
  const hanging: Array<() => void> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/fails') {
        res.writeHead(503).end();
        return;
      }
      if (req.url === '/hangs') {
        hanging.push(() => res.end()); // never answers until the test is over
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"keys":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    hanging.forEach((release) => release());
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on a JWKS endpoint that does not answer, instead of holding the authorizer', async () => {
    const started = Date.now();
    await expect(createJwksFetcher(150).fetch(`${base}/hangs`)).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a JWKS it could not get (timeout, refused, error status) as unavailable, not as a bad token', async () => {
    const fetcher = createJwksFetcher(150);
    await expect(fetcher.fetch(`${base}/hangs`)).rejects.toBeInstanceOf(JwksUnavailableError);
    await expect(fetcher.fetch(`${base}/fails`)).rejects.toThrow(
      new JwksUnavailableError('JWKS request failed with 503'),
    );
    await expect(fetcher.fetch('http://127.0.0.1:1/jwks.json')).rejects.toBeInstanceOf(JwksUnavailableError);
  });

  it('reads a JWKS that answers in time', async () => {
    const body = await createJwksFetcher(150).fetch(`${base}/jwks.json`);
    expect(JSON.parse(Buffer.from(body).toString('utf8'))).toEqual({ keys: [] });
  });

  it('waits 3 seconds by default', () => {
    expect(JWKS_TIMEOUT_MS).toBe(3000);
  });
});
