import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { composeStacks, packageJobs } from '../package';
import { managedParameters } from './parameters';
import { stageOrigins, trafficModel } from './stage-config';
import type { RuleContext } from './template-rules';
import { ROOT } from './topology';

/**
 * Packaged CloudFormation templates for the template tests: every stack packaged once per stage
 * into node_modules/.cache (git-ignored), and packaged again only when a source they are built
 * from changed (a hash of those files).
 */
export const PACKAGE_CACHE = join(ROOT, 'node_modules', '.cache', 'estore-packages');
export const TEMPLATE_STAGES = ['dev', 'prod'] as const;

/** A CloudFormation value as JSON: literals, lists, and objects (intrinsics such as `{ Ref }` among them). */
export type CfnValue = string | number | boolean | null | CfnValue[] | CfnObject;
export type CfnObject = { [key: string]: CfnValue };

export interface Resource {
  Type: string;
  Properties?: CfnObject;
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
  Metadata?: CfnObject;
  /** Any other attribute (UpdatePolicy, CreationPolicy, ...). */
  [attribute: string]: CfnValue | undefined;
}

export interface Output {
  Value: CfnValue;
  Description?: string;
  Condition?: string;
  Export?: { Name: CfnValue };
}

export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, Output>;
  Parameters?: Record<string, CfnObject>;
  Conditions?: Record<string, CfnValue>;
}

/** Every stack of one stage, by compose name. */
export type Stacks = Record<string, Template>;

const SKIPPED = new Set(['node_modules', '.serverless', '.esbuild', 'test', '.data']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A hash of everything a package is built from. */
export function sourcesHash(root = ROOT): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(root, 'services')),
    ...files(join(root, 'packages', 'sls-config')),
    ...files(join(root, 'packages', 'core', 'src')),
    join(root, 'serverless-compose.yml'),
    join(root, 'package-lock.json'),
  ].sort();
  for (const path of inputs) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

/**
 * Packages every stack of `stages` into the cache, all stages in one pool, except the stages whose
 * cached package was built from the same sources.
 */
export async function ensurePackaged(stages: readonly string[] = TEMPLATE_STAGES): Promise<string[]> {
  // Several test files read the cache, each in its own jest worker: one packages, the others wait.
  const release = await lock(join(PACKAGE_CACHE, '.lock'));
  try {
    return await packageStale(stages);
  } finally {
    release();
  }
}

const LOCK_STALE_MS = 15 * 60_000;

/** A lock across processes: a directory only one can create; one left by a killed run expires. */
async function lock(path: string): Promise<() => void> {
  mkdirSync(PACKAGE_CACHE, { recursive: true });
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (existsSync(path) && Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS)
        rmSync(path, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function packageStale(stages: readonly string[]): Promise<string[]> {
  const hash = sourcesHash();
  const hashFile = (stage: string) => join(PACKAGE_CACHE, stage, 'sources.sha256');
  const stale = stages.filter(
    (stage) => !existsSync(hashFile(stage)) || readFileSync(hashFile(stage), 'utf8') !== hash,
  );
  for (const stage of stale) {
    rmSync(join(PACKAGE_CACHE, stage), { recursive: true, force: true });
    mkdirSync(join(PACKAGE_CACHE, stage), { recursive: true });
  }
  const jobs = stale.flatMap((stage) => composeStacks().map((stack) => ({ stack, stage })));
  const failed = await packageJobs(jobs, PACKAGE_CACHE, 2, true);
  if (failed.length > 0) throw new Error(`packaging failed for ${failed.join(', ')}`);
  for (const stage of stale) writeFileSync(hashFile(stage), hash);
  return stale;
}

/** The packaged template of every stack of `stage`, as files. */
export function templatePaths(stage: string): string[] {
  return composeStacks().map((stack) =>
    join(PACKAGE_CACHE, stage, stack.name, 'cloudformation-template-update-stack.json'),
  );
}

export function loadStacks(stage: string): Stacks {
  const paths = templatePaths(stage);
  return Object.fromEntries(
    composeStacks().map((stack, index) => [stack.name, JSON.parse(readFileSync(paths[index], 'utf8')) as Template]),
  );
}

/** Everything the template rules need to know about a stage besides its stacks. */
export function ruleContext(stage: string): RuleContext {
  return { stage, origins: stageOrigins(stage), managedParameters: managedParameters(stage), traffic: trafficModel() };
}
