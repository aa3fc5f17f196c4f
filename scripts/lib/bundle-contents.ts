import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * What a deployed function's zip may not contain, and what service or shared sources may not
 * import: the test-only fault layer of `npm run chaos` (packages/testkit/src/chaos) reaches no
 * bundle. Checked over the packaged zips by scripts/test/bundle-contents.test.ts.
 */

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The files of a zip (stored or deflated, as the framework's packaging writes them), read from its central directory. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end -= 1;
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new Error(`corrupt zip entry ${name}`);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(start, start + compressedSize);
    if (!name.endsWith('/')) entries.push({ name, data: method === 0 ? raw : inflateRawSync(raw) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every `.zip` under a packaged stage (one folder per stack). */
export function packagedZips(stageDir: string): string[] {
  return readdirSync(stageDir).flatMap((stack) => {
    const dir = join(stageDir, stack);
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.zip'))
      .map((name) => join(dir, name));
  });
}

/** `zip: entry` for each file of the zips that contains `marker`. */
export function bundlesContaining(zips: string[], marker: string, root: string): string[] {
  return zips.flatMap((zip) =>
    zipEntries(readFileSync(zip))
      .filter((entry) => entry.data.includes(marker))
      .map((entry) => `${relative(root, zip)}: ${entry.name}`),
  );
}

const IMPORTS_TESTKIT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]@estore\/testkit(?:\/[^'"]*)?['"]/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.[cm]?[jt]s$/.test(name) ? [path] : [];
  });
}

/** The sources that ship (services' src, the shared package's src) that import the test kit. */
export function shippedSourcesImportingTestkit(root: string): string[] {
  const servicesDir = join(root, 'services');
  const dirs = [
    join(root, 'packages', 'core', 'src'),
    ...readdirSync(servicesDir).map((service) => join(servicesDir, service, 'src')),
  ];
  return dirs
    .flatMap(sourceFiles)
    .filter((file) => IMPORTS_TESTKIT.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
}
