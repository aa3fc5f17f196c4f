import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

/**
 * The client's types come from the contract, never by hand: `src/schema.generated.ts` is openapi-typescript's
 * output for docs/openapi.yaml, committed so the package builds without the spec. The generate
 * script writes it and the unit test that catches drift reads the same text from `--stdout`.
 */

const PACKAGE_ROOT = join(__dirname, '..');
const SPEC_PATH = join(PACKAGE_ROOT, '..', '..', 'docs', 'openapi.yaml');
export const SCHEMA_PATH = join(PACKAGE_ROOT, 'src', 'schema.generated.ts');
export const GENERATE_COMMAND = 'npm run generate -w @estore/client';

const HEADER = `/**
 * Generated from docs/openapi.yaml by openapi-typescript: do not edit by hand.
 * Regenerate with \`${GENERATE_COMMAND}\` (a unit test fails while this file and the spec differ).
 */

`;

/** The TypeScript source of `paths`, `components` and `operations` for the spec as it is now. */
export async function generateSchemaSource(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(SPEC_PATH));
  return HEADER + astToString(ast);
}

export async function writeSchema(): Promise<void> {
  writeFileSync(SCHEMA_PATH, await generateSchemaSource());
}
