import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed types are the spec's: a changed docs/openapi.yaml without regenerating fails here.
 * openapi-typescript needs ES modules jest cannot load, so its programmatic API runs in a child
 * process (`generate.ts --stdout`), which prints the types generated in memory and writes nothing.
 */
const PACKAGE_ROOT = join(__dirname, '..', '..');
const TSX = join(PACKAGE_ROOT, '..', '..', 'node_modules', '.bin', 'tsx');

describe('the generated client types', () => {
  it('match docs/openapi.yaml as it is now', () => {
    const expected = execFileSync(TSX, [join(PACKAGE_ROOT, 'scripts', 'generate.ts'), '--stdout'], {
      encoding: 'utf8',
    });
    const committed = readFileSync(join(PACKAGE_ROOT, 'src', 'schema.generated.ts'), 'utf8');
    if (committed !== expected) {
      const [mine, spec] = [committed.split('\n'), expected.split('\n')];
      const first = spec.findIndex((line, i) => line !== mine[i]);
      throw new Error(
        `packages/client/src/schema.generated.ts no longer matches docs/openapi.yaml (line ${first + 1} is ` +
          `${JSON.stringify(mine[first])} where the spec gives ${JSON.stringify(spec[first])}). ` +
          'Run `npm run generate -w @estore/client` and commit the result.',
      );
    }
    expect(committed).toBe(expected);
  });
});
