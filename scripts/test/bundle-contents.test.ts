import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { CHAOS_MARKER } from '@estore/testkit';
import { bundlesContaining, packagedZips, shippedSourcesImportingTestkit, zipEntries } from '../lib/bundle-contents';
import { ensurePackaged, PACKAGE_CACHE } from '../lib/templates';
import { ROOT } from '../lib/topology';

/**
 * The fault layer of `npm run chaos` is test-only: no deployed function's zip contains it (its
 * marker string), and no shipped source imports the test kit at all. `npm test` packages the
 * stages before the unit tests (cached); run alone, this suite packages what is missing itself.
 */
jest.setTimeout(600_000);

/** A zip of deflated files, as the framework writes them, to break a copy with. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('the fault layer never reaches a deployed bundle', () => {
  let zips: string[];

  beforeAll(async () => {
    await ensurePackaged(['dev']);
    zips = packagedZips(join(PACKAGE_CACHE, 'dev'));
  });

  it('reads every file of a packaged function zip', () => {
    const checkout = zips.find((zip) => zip.endsWith(join('payment', 'checkout.zip')));
    expect(checkout).toBeDefined();
    const files = zipEntries(readFileSync(checkout as string)).map((entry) => entry.name);
    expect(files.some((name) => name.endsWith('.js'))).toBe(true);
  });

  it('finds the chaos marker in no packaged zip', () => {
    expect(zips.length).toBeGreaterThan(10);
    expect(bundlesContaining(zips, CHAOS_MARKER, ROOT)).toEqual([]);
  });

  it('fails on a broken copy whose bundle carries the fault layer', () => {
    const broken = mkdtempSync(join(tmpdir(), 'estore-broken-bundle-'));
    const stack = join(broken, 'payment');
    mkdirSync(stack);
    const checkout = zips.find((zip) => zip.endsWith(join('payment', 'checkout.zip'))) as string;
    cpSync(checkout, join(stack, 'checkout.zip'));
    writeFileSync(
      join(stack, 'handleWebhook.zip'),
      zipOf({ 'src/handlers/handle-webhook.js': `exports.marker = ${JSON.stringify(CHAOS_MARKER)};` }),
    );
    expect(bundlesContaining(packagedZips(broken), CHAOS_MARKER, broken)).toEqual([
      'payment/handleWebhook.zip: src/handlers/handle-webhook.js',
    ]);
  });
});

describe('shipped sources never import the test kit', () => {
  it('finds no import of @estore/testkit in services/*/src or packages/core/src', () => {
    expect(shippedSourcesImportingTestkit(ROOT)).toEqual([]);
  });

  it('fails on a broken copy where a service imports it', () => {
    const broken = mkdtempSync(join(tmpdir(), 'estore-broken-sources-'));
    mkdirSync(join(broken, 'packages', 'core', 'src'), { recursive: true });
    mkdirSync(join(broken, 'services', 'payment', 'src'), { recursive: true });
    writeFileSync(join(broken, 'packages', 'core', 'src', 'fine.ts'), "import { logger } from './logger';\n");
    writeFileSync(
      join(broken, 'services', 'payment', 'src', 'wiring.ts'),
      "import { SimulatedStripe } from '@estore/testkit';\n",
    );
    expect(shippedSourcesImportingTestkit(broken)).toEqual(['services/payment/src/wiring.ts']);
  });
});
