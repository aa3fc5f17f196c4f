import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROOT } from '../lib/topology';
import { fmtBytes, mdTable } from './format';
import type { BenchPart } from './section';

/**
 * A part of `npm run bench`: what @estore/client adds to a storefront's browser bundle. The README's
 * example (packages/client/examples/storefront.ts) is bundled for the browser with esbuild, minified
 * and gzipped, once with the client and once with the client left out (external); the difference
 * is the client (openapi-fetch; the generated types weigh nothing at run time). Cheap: no store needed.
 */

const EXAMPLE = join(ROOT, 'packages/client/examples/storefront.ts');
const TARGET_BYTES = 10 * 1024;

interface BundleSize {
  minified: number;
  gzipped: number;
}

async function bundleSize(external: string[]): Promise<BundleSize> {
  const result = await build({
    entryPoints: [EXAMPLE],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    // The workspace's client is its source (the root tsconfig's paths), as the browser test bundles it.
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.byteLength, gzipped: gzipSync(code).byteLength };
}

export const clientSizePart: BenchPart = async () => {
  const withClient = await bundleSize([]);
  const withoutClient = await bundleSize(['@estore/client']);
  const added = withClient.gzipped - withoutClient.gzipped;
  const rows = [
    ['the example with @estore/client', fmtBytes(withClient.minified), fmtBytes(withClient.gzipped)],
    ['the example alone (client external)', fmtBytes(withoutClient.minified), fmtBytes(withoutClient.gzipped)],
    ['**what the client adds**', fmtBytes(withClient.minified - withoutClient.minified), `**${fmtBytes(added)}**`],
  ];
  const table = mdTable(['bundle (esbuild, browser, minified)', 'minified', 'gzipped'], rows, [false, true, true]);
  console.log(table);
  return {
    title: "The typed client's weight in a storefront",
    markdown: [
      "The README's storefront example (`packages/client/examples/storefront.ts`: sign in, list products, cart, checkout with an Idempotency-Key) bundled for the browser by esbuild, minified and gzipped, with and without `@estore/client`.",
      '',
      table,
    ].join('\n'),
    targets: [
      {
        name: 'the client adds at most 10 kB gzipped to a storefront bundle',
        met: added <= TARGET_BYTES,
        detail: `${fmtBytes(added)} gzipped (${added} bytes)${added <= TARGET_BYTES ? '' : ': openapi-fetch dominates; a leaner fetch wrapper over the same generated types would meet it'}`,
      },
    ],
  };
};
