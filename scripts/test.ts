import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, run, seedWorkspaces } from './lib/run';
import { leftoverPorts, logFile, startStack } from './lib/stack';
import { ensurePackaged, TEMPLATE_STAGES } from './lib/templates';

/**
 * `npm test`: type check, lint, unit tests, then the whole local store on fresh emulators for
 * the integration and end-to-end suites; everything it starts, it stops.
 */
async function step(name: string, action: () => Promise<number>): Promise<void> {
  const started = Date.now();
  process.stdout.write(`\n== ${name}\n`);
  const code = await action();
  process.stdout.write(
    `== ${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (code !== 0) throw new Error(`${name} failed`);
}

async function main(): Promise<void> {
  // `npm test -- services/catalog` narrows jest to matching test paths while working on one part.
  const jestArgs = ['--ci', ...process.argv.slice(2)];
  // The template tests (a unit suite) read every stack packaged for dev and prod: packaged in the
  // background while the type check and lint keep one core busy, and again only when a source
  // changed (scripts/lib/templates.ts).
  const narrowed = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const needsTemplates =
    narrowed.length === 0 ||
    narrowed.some((arg) => 'scripts/test/templates.test.ts'.includes(arg) || arg.includes('templates'));
  const packaging = needsTemplates
    ? ensurePackaged(TEMPLATE_STAGES).then(
        (packaged) => ({ packaged, error: undefined }),
        (error: Error) => ({ packaged: [], error }),
      )
    : undefined;
  if (process.env.ESTORE_TEST_FAST !== '1') {
    await step('type check', () => run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
    await step('lint', () => run(bin('eslint'), ['.']));
    // One formatter with sorted imports (biome.json); `npm run format` applies it.
    await step('format', () => run(bin('biome'), ['ci', '.']));
  }
  if (packaging) {
    await step('package dev and prod for the template tests', async () => {
      const { packaged, error } = await packaging;
      if (error) {
        process.stdout.write(`${error.message}\n`);
        return 1;
      }
      process.stdout.write(
        packaged.length ? `packaged ${packaged.join(', ')}\n` : 'unchanged sources: the cached packages are current\n',
      );
      return 0;
    });
  }
  // The contract itself: operation ids, a schema for every body, security on protected
  // operations, examples valid against their schemas (redocly.yaml). Offline: no telemetry, no
  // update check.
  await step('lint docs/openapi.yaml', () =>
    run(bin('redocly'), ['lint', 'docs/openapi.yaml', '--format=stylish'], {
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
    }),
  );
  // A full run prints the unit suite's coverage and fails below its floor (jest.config.js); a
  // narrowed one covers only part of the code, so it measures nothing.
  const coverage = narrowed.length === 0 ? ['--coverage'] : [];
  await step('unit tests', () =>
    run(bin('jest'), [...jestArgs, ...coverage, '--passWithNoTests', '--selectProjects', 'unit']),
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'estore-test-'));
  const logPath = join(dataDir, 'stack.log');
  process.stdout.write(`\n== starting the local store on fresh emulators (log: ${logPath})\n`);
  // No Lambda timeout: a cold start on a busy machine must make a test slow, not wrong (decision 27).
  const stack = await startStack({ dataDir, inMemory: true, output: logFile(logPath), noLambdaTimeout: true });
  let failure: unknown;
  try {
    await step('seed', () => seedWorkspaces(stack.env));
    await step('integration and end-to-end tests', () =>
      // The stack's log too: the correlation test follows one checkout through it.
      run(bin('jest'), [...jestArgs, '--passWithNoTests', '--selectProjects', 'integration', 'e2e'], {
        ...stack.env,
        ESTORE_STACK_LOG: logPath,
      }),
    );
  } catch (error) {
    failure = error;
    process.stdout.write(`The local store's output is in ${logPath}\n`);
  }
  await stack.stop();
  const leftovers = await leftoverPorts(stack.services);
  if (leftovers.length > 0) throw new Error(`Processes still listen on ports ${leftovers.join(', ')} after the tests`);
  if (failure) throw failure;
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: Error) => {
  console.error(`\nnpm test failed: ${error.message}`);
  process.exitCode = 1;
});
