import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { option } from './lib/options';
import { bin, run } from './lib/run';
import { ROOT } from './lib/topology';

/**
 * `npm run package [-- --stage S] [--out DIR]`: builds every stack of serverless-compose.yml
 * (CloudFormation template and function zips) the way `serverless deploy` would, with no AWS
 * credentials, no network and no deployed state: each stack runs `serverless package --stage S` in
 * its own folder, and cross-stack values fall back to their packaging defaults
 * (packages/sls-config/params.yml: exports and deterministic names). Output goes to each stack's
 * `.serverless/`, or to `DIR/<stage>/<stack>/` with `--out`.
 */

export interface Stack {
  name: string;
  dir: string;
}

/** The stacks compose deploys, in the file's order (which is also a valid dependency order). */
export function composeStacks(root = ROOT): Stack[] {
  const compose = parse(readFileSync(join(root, 'serverless-compose.yml'), 'utf8')) as {
    services: Record<string, { path: string }>;
  };
  return Object.entries(compose.services).map(([name, service]) => ({ name, dir: join(root, service.path) }));
}

/** No credentials reach the framework: packaging must never need an AWS account. */
export function packagingEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('AWS_')) env[key] = value;
  }
  return {
    ...env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Packages one stack; resolves with serverless's exit code. */
export function packageStack(stack: Stack, stage: string, outDir?: string, quiet = false): Promise<number> {
  const args = ['package', '--stage', stage, ...(outDir ? ['--package', join(outDir, stage, stack.name)] : [])];
  return run(bin('serverless'), args, {}, stack.dir, { env: packagingEnv(), quiet });
}

export interface PackageJob {
  stack: Stack;
  stage: string;
}

/**
 * Runs packaging jobs `concurrency` at a time (a framework start and esbuild per stack keep
 * about one core busy each); resolves with the jobs that failed, as `stack (stage)`.
 */
export async function packageJobs(
  jobs: PackageJob[],
  outDir?: string,
  concurrency = 2,
  quiet = false,
): Promise<string[]> {
  const failed: string[] = [];
  const timings: string[] = [];
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const started = Date.now();
      const code = await packageStack(job.stack, job.stage, outDir, quiet);
      const line = `${code === 0 ? 'packaged' : 'FAILED  '} ${job.stack.name} (${job.stage}) in ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (quiet) timings.push(line);
      else process.stdout.write(`${line}\n`);
      if (code !== 0) failed.push(`${job.stack.name} (${job.stage})`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (quiet && failed.length > 0) process.stdout.write(`${timings.join('\n')}\n`);
  return failed;
}

/** Packages every stack of compose for `stage`. */
export function packageAll(stage: string, outDir?: string): Promise<string[]> {
  return packageJobs(
    composeStacks().map((stack) => ({ stack, stage })),
    outDir,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stage = option(args, 'stage') ?? 'dev';
  if (stage === 'local') throw new Error('Stage `local` is served by `npm run dev`, never packaged for AWS');
  const out = option(args, 'out');
  const started = Date.now();
  const failed = await packageAll(stage, out ? resolve(process.cwd(), out) : undefined);
  if (failed.length > 0) throw new Error(`packaging failed for ${failed.join(', ')}`);
  process.stdout.write(`All stacks packaged for stage ${stage} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`\nnpm run package failed: ${error.message}`);
    process.exitCode = 1;
  });
}
