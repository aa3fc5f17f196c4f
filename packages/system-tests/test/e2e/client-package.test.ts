import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireEnv } from '@estore/core/config';
import { ApiClient, createTestUser, uniqueName } from '@estore/testkit';
import { ROOT } from '../../../../scripts/lib/topology';

/**
 * @estore/client as a storefront outside the monorepo gets it: `npm pack` of the workspace, the
 * tarball installed into an empty folder under the system's temp directory (openapi-fetch from the
 * npm cache first), the README's example type-checked there under moduleResolution node16 and
 * bundler, misuses refused by the compiler, and the example run with node against the local store:
 * sign in with a bearer token, list products, a checkout refused with a typed INSUFFICIENT_STOCK,
 * then one placed.
 */
jest.setTimeout(180_000);

const EXAMPLE = join(ROOT, 'packages/client/examples/storefront.ts');

/** The storefront's own script, run with node: prints what the example got back as JSON. */
const MAIN = `import { buy, listBooks, signInFromNode } from './storefront.js';

const { ESTORE_API_URL, IDENTITY, PASSWORD, PRODUCT_ID } = process.env as Record<string, string>;
const api = await signInFromNode(ESTORE_API_URL, IDENTITY, PASSWORD);
const books = await listBooks(api);
const short = await buy(api, PRODUCT_ID, 2);
const placed = await buy(api, PRODUCT_ID, 1);
console.log(JSON.stringify({ books: books.length, short, placed }));
`;

/** Each line must fail to compile: the published types keep the checks the workspace's have. */
const MISUSE = `import { createClient } from '@estore/client';

const api = createClient({ baseUrl: 'http://localhost:3000' });
export const unknownPath = api.GET('/productz', {});
export const wrongBodyType = api.POST('/order/create', { body: { items: [{ productId: 'p1', count: 'two' }] } });
`;

const compilerOptions = (moduleResolution: 'node16' | 'bundler') => ({
  target: 'ES2022',
  module: moduleResolution === 'node16' ? 'node16' : 'esnext',
  moduleResolution,
  lib: ['ES2022', 'DOM'],
  types: ['node'],
  strict: true,
  outDir: `out-${moduleResolution}`,
});

/** npm's own variables from the `npm test` that started jest must not steer the storefront's npm. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, ...extra };
}

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

let folder: string;
let storefront: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'estore-client-'));
  storefront = join(folder, 'storefront');
  mkdirSync(join(storefront, 'src'), { recursive: true });
  const pack = sh('npm', ['pack', '-w', 'packages/client', '--pack-destination', folder], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
  const [tarball] = readdirSync(folder).filter((name) => name.endsWith('.tgz'));
  writeFileSync(
    join(storefront, 'package.json'),
    JSON.stringify({ name: 'storefront', private: true, type: 'module' }),
  );
  // The same TypeScript and Node types as the workspace, so the npm cache has them already.
  const install = sh(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(folder, tarball),
      `typescript@${installedVersion('typescript')}`,
      `@types/node@${installedVersion('@types/node')}`,
    ],
    storefront,
  );
  if (install.code !== 0) throw new Error(`installing the packed client failed:\n${install.output}`);
  copyFileSync(EXAMPLE, join(storefront, 'src', 'storefront.ts'));
  writeFileSync(join(storefront, 'src', 'main.ts'), MAIN);
  writeFileSync(join(storefront, 'misuse.ts'), MISUSE);
  for (const resolution of ['node16', 'bundler'] as const)
    writeFileSync(
      join(storefront, `tsconfig.${resolution}.json`),
      JSON.stringify({ compilerOptions: compilerOptions(resolution), include: ['src'] }),
    );
  writeFileSync(
    join(storefront, 'tsconfig.misuse.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions('bundler'), noEmit: true }, files: ['misuse.ts'] }),
  );
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const tsc = (project: string) => sh('node', ['node_modules/typescript/bin/tsc', '-p', project], storefront);

describe('@estore/client packed and installed outside the monorepo', () => {
  it('installs as ES modules and declarations only, with openapi-fetch as its one dependency', () => {
    const installed = join(storefront, 'node_modules', '@estore', 'client');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json']);
    expect(readdirSync(join(installed, 'dist')).sort()).toEqual([
      'index.d.ts',
      'index.js',
      'schema.generated.d.ts',
      'schema.generated.js',
    ]);
  });

  it.each(['node16', 'bundler'])('type-checks the README example under moduleResolution %s', (resolution) => {
    const result = tsc(`tsconfig.${resolution}.json`);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses an unknown path and a wrong body field type at compile time', () => {
    const result = tsc('tsconfig.misuse.json');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/misuse\.ts\(4,\d+\): error TS2345: Argument of type '"\/productz"'/);
    expect(result.output).toMatch(
      /misuse\.ts\(5,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('runs the example with node: signs in with a bearer token, gets INSUFFICIENT_STOCK typed, then places the order', async () => {
    const buyer = await createTestUser({ groups: ['manage_product_group'], prefix: 'cl_' });
    const api = new ApiClient();
    expect((await api.post('/login', { identity: buyer.username, password: buyer.password })).status).toBe(200);
    const product = await api.post<{ id: string }>('/product', {
      name: uniqueName('Client Book '),
      category: 'Books',
      price: 1234,
      stock: 1,
    });
    expect(product.status).toBe(201);
    const compiled = tsc('tsconfig.node16.json');
    expect(compiled.code).toBe(0);

    const result = sh('node', ['out-node16/main.js'], storefront, {
      ESTORE_API_URL: requireEnv('ESTORE_API_URL'),
      IDENTITY: buyer.username,
      PASSWORD: buyer.password,
      PRODUCT_ID: product.body.id,
    });

    expect(result.output).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.books).toBeGreaterThan(0);
    expect(outcome.short).toEqual({
      short: [expect.objectContaining({ field: 'items', productId: product.body.id, requested: 2, available: 1 })],
    });
    expect(outcome.placed).toEqual({ placed: expect.objectContaining({ amount: 1234, currency: 'usd' }) });
    expect(outcome.placed.placed.orderId).toMatch(/^o_[a-f0-9]{32}$/);
  });
});
