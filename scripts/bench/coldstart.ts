import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { parse } from 'yaml';
import { ROOT, readServices } from '../lib/topology';
import { fmtBytes, median, type RunStamp } from './format';
import type { BenchPart, BenchTarget } from './section';
import { settle } from './settle';

/**
 * Part 2 of `npm run bench` (alone: `npm run coldstart`): every function of every service is
 * bundled with the options of packages/sls-config/esbuild.yml, and beside it a floor file that only
 * imports and constructs the AWS SDK clients the function is allowed to call (its IAM statements in
 * serverless.yml), bundled the same way. Each is loaded in fresh `node` processes with the
 * NODE_OPTIONS its serverless.yml sets, functions interleaved and each beside its floor; init is the time from the process's
 * origin to the handler loaded (node's own start included, as in Lambda's Init Duration).
 * Nothing here is hard-coded per function: entries, options and clients are read at run time.
 */

export interface FunctionEntry {
  id: string; // service.function
  route: string; // `GET /category`, `authorizer`, or the event kind
  entry: string;
  clients: string[]; // SDK client keys from the function's IAM statements
  nodeOptions: string;
  memoryMb: number;
  /** EventBridge patterns the function subscribes to. */
  patterns: Array<{ source?: string[]; 'detail-type'?: string[] }>;
}

export interface ColdStartRow {
  id: string;
  route: string;
  /** AWS SDK packages in the process after the load (require.cache) or in the bundle (metafile inputs). */
  sdk: string[];
  /** True when no @aws-sdk or @smithy code is loaded or bundled at all. */
  sdkFree: boolean;
  floorClients: string[];
  /** Floor clients the function bundles without an IAM statement for them (APIs that need none, Stripe). */
  withoutIam?: string[];
  /** For a function with a client outside AWS (Stripe): its floor's JS without that client. */
  awsOnlyFloorJsBytes?: number;
  /** The three packages (or `own code`) adding most bytes beyond the floor's bundle. */
  beyondFloor?: Array<[string, number]>;
  initMs: number;
  floorMs: number;
  /** Median over rounds of init / floor init, each pair probed side by side (absent in old snapshots). */
  pairedRatio?: number;
  /** Every JS file in the process after the load (the bundle and anything it required from node_modules); maps aside. */
  jsBytes: number;
  floorJsBytes: number;
  mapBytes: number;
}

export interface ColdStartSnapshot {
  label: string;
  commit: string;
  date: string;
  machine: string;
  rounds: number;
  layout: string;
  rows: ColdStartRow[];
}

/** serverless-esbuild's own options; everything else in esbuild.yml is handed to esbuild as is. */
const PLUGIN_KEYS = new Set([
  'exclude',
  'watch',
  'packager',
  'packagerOptions',
  'installExtraArgs',
  'keepOutputDirectory',
  'outputWorkFolder',
  'outputBuildFolder',
  'outputFileExtension',
  'nodeExternals',
  'concurrency',
  'zipConcurrency',
  'disableIncremental',
  'skipRebuild',
  'stripEntryResolveExtensions',
  'disposeContext',
  'config',
  'plugins',
  'nativeZip',
  'packagePath',
]);

/**
 * A `${param:name}` value as a deployed stage resolves it (the `default` section of
 * packages/sls-config/params.yml): cold start is measured as AWS would run the function.
 */
function deployedParam(value: unknown): unknown {
  const match = typeof value === 'string' ? /^\$\{param:([A-Za-z0-9]+)\}$/.exec(value) : null;
  if (!match) return value;
  const params = parse(readFileSync(join(ROOT, 'packages/sls-config/params.yml'), 'utf8')) as {
    default: Record<string, unknown>;
  };
  if (!(match[1] in params.default))
    throw new Error(`esbuild.yml uses \${param:${match[1]}}, which params.yml's default stage does not set`);
  return params.default[match[1]];
}

/** The bundling options every stack uses (packages/sls-config/esbuild.yml), as esbuild options. */
export function sharedEsbuildOptions(): { options: BuildOptions; summary: string } {
  const yml = parse(readFileSync(join(ROOT, 'packages/sls-config/esbuild.yml'), 'utf8')) as Record<string, unknown>;
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(yml)) if (!PLUGIN_KEYS.has(key)) options[key] = deployedParam(value);
  // serverless-esbuild leaves `exclude` out of the bundle (and out of the zip: the runtime's SDK).
  const exclude = Array.isArray(yml.exclude)
    ? (yml.exclude as string[])
    : typeof yml.exclude === 'string' && yml.exclude !== '*'
      ? [yml.exclude]
      : [];
  const external = [...((options.external as string[] | undefined) ?? []), ...exclude];
  const summary = Object.entries({ ...options, external })
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(', ');
  return { options: { ...(options as BuildOptions), external, metafile: true, logLevel: 'silent' }, summary };
}

/** Each service's serverless.yml as topology reads it (CloudFormation tags kept as plain values). */
function serviceDefinitions(): Array<{ service: string; yml: Record<string, unknown> }> {
  return readServices().map((service) => ({ service: service.name, yml: service.definition }));
}

interface FloorClient {
  /** The package that holds the client, to find it among a bundle's inputs. */
  package: string;
  imports: string;
  construct: string;
  /** Called without an IAM statement naming it: in the floor whenever the function bundles it. */
  withoutIam?: boolean;
  /** Outside AWS: the report also gives the function's JS against its AWS clients alone. */
  outsideAws?: boolean;
}

/**
 * What a floor constructs for each IAM service prefix a function may call, and for the clients it
 * calls without one. SSM is only built at the first read, yet bundled with the function, so a
 * function allowed to read a parameter has the SSM client in its floor;
 * SQS, logs and lambda statements serve the platform (dead-letter queues, log groups), not the code.
 * joi, the validation library the product's stack names, is in the floor of every function that
 * validates input, found in its bundle as Stripe is.
 */
export const FLOOR_CLIENTS: Record<string, FloorClient> = {
  dynamodb: {
    package: '@aws-sdk/client-dynamodb',
    imports:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    construct: 'DynamoDBDocumentClient.from(new DynamoDBClient({}))',
  },
  s3: {
    package: '@aws-sdk/client-s3',
    imports: "import { S3Client } from '@aws-sdk/client-s3';",
    construct: 'new S3Client({})',
  },
  events: {
    package: '@aws-sdk/client-eventbridge',
    imports: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';",
    construct: 'new EventBridgeClient({})',
  },
  ses: {
    package: '@aws-sdk/client-sesv2',
    imports: "import { SESv2Client } from '@aws-sdk/client-sesv2';",
    construct: 'new SESv2Client({})',
  },
  // Cognito's InitiateAuth, RevokeToken and GetUser need no IAM statement.
  'cognito-idp': {
    package: '@aws-sdk/client-cognito-identity-provider',
    imports: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    construct: 'new CognitoIdentityProviderClient({})',
    withoutIam: true,
  },
  ssm: {
    package: '@aws-sdk/client-ssm',
    imports: "import { SSMClient } from '@aws-sdk/client-ssm';",
    construct: 'new SSMClient({})',
  },
  // The payment functions' client for Stripe's API (house style: the Stripe SDK, not hand-written
  // REST calls), its key read from SSM.
  stripe: {
    package: 'stripe',
    imports: "import Stripe from 'stripe';",
    construct: "new Stripe('sk_test_coldstart_floor')",
    withoutIam: true,
    outsideAws: true,
  },
  // Every route's input is validated with joi (decision 23): one object graph, loaded whole.
  joi: {
    package: 'joi',
    imports: "import Joi from 'joi';",
    construct: 'Joi.object({ id: Joi.string() })',
    withoutIam: true,
  },
};

function iamPrefixes(statements: unknown): string[] {
  const prefixes = new Set<string>();
  for (const statement of Array.isArray(statements) ? statements : []) {
    const actions = (statement as { Action?: unknown }).Action;
    for (const action of Array.isArray(actions) ? actions : [actions])
      if (typeof action === 'string') prefixes.add(action.split(':')[0]);
  }
  return [...prefixes].filter((prefix) => FLOOR_CLIENTS[prefix]).sort();
}

/** Every function of every service, from the services' serverless.yml. */
export function functionEntries(): FunctionEntry[] {
  const entries: FunctionEntry[] = [];
  for (const { service, yml: definition } of serviceDefinitions()) {
    const yml = definition as {
      provider?: { environment?: Record<string, unknown>; memorySize?: number };
      functions?: Record<
        string,
        {
          handler: string;
          events?: Array<Record<string, unknown>>;
          iamRoleStatements?: unknown;
          environment?: unknown;
          memorySize?: number;
        }
      >;
    };
    for (const [name, fn] of Object.entries(yml.functions ?? {})) {
      const event = fn.events?.[0];
      const http = event?.httpApi as { method?: string; path?: string } | undefined;
      const route = http
        ? `${http.method} ${http.path}`
        : /authori[sz]e/i.test(name)
          ? 'authorizer'
          : event
            ? Object.keys(event)[0]
            : '-';
      const fnEnv =
        typeof fn.environment === 'object' && fn.environment ? (fn.environment as Record<string, unknown>) : {};
      const nodeOptions = String(fnEnv.NODE_OPTIONS ?? yml.provider?.environment?.NODE_OPTIONS ?? '');
      entries.push({
        id: `${service}.${name}`,
        route,
        entry: join(ROOT, 'services', service, `${fn.handler.replace(/\.[^./]+$/, '')}.ts`),
        clients: iamPrefixes(fn.iamRoleStatements),
        nodeOptions: nodeOptions.includes('${') ? '' : nodeOptions,
        memoryMb: Number(fn.memorySize ?? yml.provider?.memorySize ?? 1024),
        patterns: (fn.events ?? []).flatMap((e) =>
          e.eventBridge ? [(e.eventBridge as { pattern?: FunctionEntry['patterns'][number] }).pattern ?? {}] : [],
        ),
      });
    }
  }
  return entries;
}

/**
 * Environment a handler module may read at load (requireEnv): the literal values of the
 * serverless.yml files (`${self:custom...}` followed), harmless placeholders for the rest.
 */
export function coldStartEnv(): Record<string, string> {
  const env: Record<string, string> = { STAGE: 'coldstart' };
  for (const { yml: definition } of serviceDefinitions()) {
    const yml = definition as {
      provider?: { environment?: unknown };
      functions?: Record<string, { environment?: unknown }>;
    };
    const follow = (value: unknown, depth = 0): unknown => {
      const ref = typeof value === 'string' ? /^\$\{self:([^},]+)\}$/.exec(value) : null;
      if (!ref || depth > 4) return value;
      return follow(
        ref[1].split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], yml),
        depth + 1,
      );
    };
    const blocks = [yml.provider?.environment, ...Object.values(yml.functions ?? {}).map((fn) => fn.environment)];
    for (const block of blocks) {
      const resolved = follow(block);
      if (!resolved || typeof resolved !== 'object') continue;
      for (const [name, raw] of Object.entries(resolved as Record<string, unknown>)) {
        if (name === 'NODE_OPTIONS' || env[name]) continue;
        const value = follow(raw);
        if (typeof value === 'number' || typeof value === 'boolean') env[name] = String(value);
        else if (typeof value === 'string' && !value.includes('${')) env[name] = value;
        else if (typeof value === 'string' && /^\$\{[^,}]+,\s*'([^']*)'\}$/.test(value))
          env[name] = /'([^']*)'\}$/.exec(value)![1]; // `${param:x, 'default'}`
        else
          env[name] = name.endsWith('_ENDPOINT')
            ? 'http://127.0.0.1:1'
            : /LENGTH|DAYS|HOUR|MINUTES|SECONDS|LIMIT|^MAX_/.test(name)
              ? '8'
              : `coldstart-${name.toLowerCase()}`;
      }
    }
  }
  return env;
}

/**
 * Loads `file` in a fresh process: [ms from the process's origin to loaded, bytes of every JS file
 * loaded, @aws-sdk packages loaded, whether any @aws-sdk or @smithy file was loaded]. Lazily
 * imported code (SSM behind a dynamic import) is not loaded, as at a Lambda's init.
 */
const PROBE = [
  "const {performance}=require('node:perf_hooks');const fs=require('node:fs');",
  'require(process.argv[1]);const t=performance.now();',
  'const files=Object.keys(require.cache);let bytes=0;for(const f of files)bytes+=fs.statSync(f).size;',
  'const sdk=[...new Set(files.map((f)=>(/node_modules\\/(@aws-sdk\\/[^/]+)\\//.exec(f)||[])[1]).filter(Boolean))].sort();',
  'const any=files.some((f)=>/node_modules\\/(@aws-sdk|@smithy)\\//.test(f));',
  'process.stdout.write(JSON.stringify([t,bytes,sdk,any]));',
].join('');

type ProbeResult = [number, number, string[], boolean];

let baseEnv: NodeJS.ProcessEnv | undefined;
function probe(file: string, nodeOptions: string): ProbeResult {
  baseEnv ??= {
    ...process.env,
    NODE_PATH: join(ROOT, 'node_modules'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'coldstart',
    AWS_SECRET_ACCESS_KEY: 'coldstart',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...coldStartEnv(),
  };
  const output = execFileSync(process.execPath, ['-e', PROBE, file], {
    env: { ...baseEnv, NODE_OPTIONS: nodeOptions },
    encoding: 'utf8',
  });
  return JSON.parse(output) as ProbeResult;
}

interface BundleContents {
  packages: string[];
  sdk: string[];
  anySdk: boolean;
  /** Output bytes per package; the project's own code under `own code`. */
  bytes: Map<string, number>;
}

/**
 * The packages bundled into a file (esbuild metafile inputs). An SDK left external shows in
 * require.cache instead, and only if it is really required at load (not behind a lazy import).
 */
function packagesInBundle(metafile: Metafile): BundleContents {
  const bytes = new Map<string, number>();
  // The output's inputs, not metafile.inputs: the latter lists every file esbuild visited, tree-shaken ones too.
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, use] of Object.entries(output.inputs)) {
      if (use.bytesInOutput === 0) continue;
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? 'own code';
      bytes.set(name, (bytes.get(name) ?? 0) + use.bytesInOutput);
    }
  }
  const packages = [...bytes.keys()].filter((name) => name !== 'own code');
  return {
    packages,
    sdk: packages.filter((name) => name.startsWith('@aws-sdk/')),
    anySdk: packages.some((name) => /^@(aws-sdk|smithy)\//.test(name)),
    bytes,
  };
}

/** The packages that add most to a function's bundle beyond its floor's: what dominates its JS ratio. */
function beyondFloor(fn: BundleContents, floor: BundleContents | undefined): Array<[string, number]> {
  return [...fn.bytes]
    .map(([name, size]): [string, number] => [name, size - (floor?.bytes.get(name) ?? 0)])
    .filter(([, extra]) => extra > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
}

const USER_FACING = /^@aws-sdk\/(client-|lib-|s3-)/;

export interface MeasureOptions {
  rounds: number;
  filter?: string;
  /** Measure every n-th function only (the quick run: bundling each with the SDK is most of its time). */
  every?: number;
  log?: (line: string) => void;
}

/** Builds every function and the floors into a temp dir, then times them, functions interleaved, each beside its floor. */
export async function measureColdStarts(
  options: MeasureOptions,
): Promise<{ rows: ColdStartRow[]; summary: string; timedFrom: string }> {
  const log = options.log ?? (() => undefined);
  const outDir = join(tmpdir(), `estore-coldstart-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    const { options: shared, summary } = sharedEsbuildOptions();
    const entries = functionEntries()
      .filter((fn) => !options.filter || fn.id.includes(options.filter))
      .filter((_, index) => index % (options.every ?? 1) === 0);
    const floors = new Map<
      string,
      { file: string; clients: string[]; nodeOptions: string; jsBytes?: number; contents?: BundleContents }
    >();
    const built = await Promise.all(
      entries.map(async (fn) => {
        const dir = join(outDir, fn.id);
        const file = join(dir, 'handler.js');
        const result = await build({ ...shared, entryPoints: [fn.entry], outfile: file, absWorkingDir: ROOT });
        const bundled = packagesInBundle(result.metafile!);
        // A client bundled with no IAM statement serves an API that needs none (Cognito's
        // RevokeToken) or lives outside AWS (Stripe), or is joi, which validates the function's
        // input: the function calls it, so its floor constructs it too; the report names them.
        const withoutIam = Object.entries(FLOOR_CLIENTS)
          .filter(
            ([key, client]) =>
              client.withoutIam && bundled.packages.includes(client.package) && !fn.clients.includes(key),
          )
          .map(([key]) => key);
        const clients = [...fn.clients, ...withoutIam].sort();
        const keyOf = (keys: string[]): string => `${keys.join('+') || 'none'}|${fn.nodeOptions}`;
        const floorKey = keyOf(clients);
        if (!floors.has(floorKey)) floors.set(floorKey, { file: '', clients, nodeOptions: fn.nodeOptions });
        const awsClients = clients.filter((key) => !FLOOR_CLIENTS[key].outsideAws);
        const awsFloorKey = awsClients.length < clients.length ? keyOf(awsClients) : undefined;
        if (awsFloorKey && !floors.has(awsFloorKey))
          floors.set(awsFloorKey, { file: '', clients: awsClients, nodeOptions: fn.nodeOptions });
        return { ...fn, clients, withoutIam, file, floorKey, awsFloorKey, bundled };
      }),
    );
    let n = 0;
    for (const floor of floors.values()) {
      const dir = join(outDir, `floor-${(n += 1)}`);
      mkdirSync(dir, { recursive: true });
      const source = join(dir, 'floor.ts');
      const clients = floor.clients.map((key) => FLOOR_CLIENTS[key]);
      writeFileSync(
        source,
        `${clients.map((c) => c.imports).join('\n')}\nexport const clients = [${clients.map((c) => c.construct).join(', ')}];\nexport const handler = async (): Promise<number> => clients.length;\n`,
      );
      floor.file = join(dir, 'floor.js');
      // The floor resolves the SDK from the workspace, exactly where the function's bundle does.
      const floorBuild = await build({
        ...shared,
        entryPoints: [source],
        outfile: floor.file,
        absWorkingDir: ROOT,
        nodePaths: [join(ROOT, 'node_modules')],
      });
      floor.contents = packagesInBundle(floorBuild.metafile!);
      floor.jsBytes = probe(floor.file, floor.nodeOptions)[1]; // a floor that fails to load fails here, before anything is timed
    }
    log(`built ${built.length} functions and ${floors.size} floors (${summary})`);
    const samples = new Map(
      built.map((fn) => [fn.id, { init: [] as number[], last: undefined as ProbeResult | undefined }]),
    );
    // Paired samples: each function's probe runs right beside a probe of its own floor, in turn first
    // and second, and its ratio is the median of those pairs. On a shared 2-core machine a ratio of
    // two medians taken minutes apart swung by 0.3 between identical runs; adjacent pairs cancel drift.
    const floorSamples = new Map(
      built.map((fn) => [fn.id, { init: [] as number[], last: undefined as ProbeResult | undefined }]),
    );
    const ratios = new Map(built.map((fn) => [fn.id, [] as number[]]));
    // Building just kept both cores busy; timing starts once that (and anything before it) has passed.
    const settled = await settle(SETTLED_LOAD, SETTLE_MAX_SECONDS, log);
    const timedFrom = `timing began at a load average of ${settled.loadAverage.toFixed(1)}, after waiting ${settled.waitedSeconds} s for it to fall below ${SETTLED_LOAD}`;
    log(timedFrom);
    for (let round = 0; round < options.rounds; round += 1) {
      for (const fn of built) {
        const floor = floors.get(fn.floorKey)!;
        const probeFloor = (): ProbeResult => probe(floor.file, floor.nodeOptions);
        const probeFunction = (): ProbeResult => probe(fn.file, fn.nodeOptions);
        const floorFirst = round % 2 === 0;
        const first = floorFirst ? probeFloor() : probeFunction();
        const second = floorFirst ? probeFunction() : probeFloor();
        const [floorResult, result] = floorFirst ? [first, second] : [second, first];
        const sample = samples.get(fn.id)!;
        sample.init.push(result[0]);
        sample.last = result;
        const floorSample = floorSamples.get(fn.id)!;
        floorSample.init.push(floorResult[0]);
        floorSample.last = floorResult;
        ratios.get(fn.id)!.push(result[0] / floorResult[0]);
      }
      log(`cold start: round ${round + 1}/${options.rounds}`);
    }
    const rows = built.map((fn): ColdStartRow => {
      const sample = samples.get(fn.id)!;
      const floorSample = floorSamples.get(fn.id)!;
      const [, jsBytes, loadedSdk, loadedAny] = sample.last!;
      return {
        id: fn.id,
        route: fn.route,
        sdk: [...new Set([...loadedSdk, ...fn.bundled.sdk])].filter((name) => USER_FACING.test(name)).sort(),
        sdkFree: !loadedAny && !fn.bundled.anySdk,
        floorClients: fn.clients,
        withoutIam: fn.withoutIam,
        initMs: median(sample.init),
        floorMs: median(floorSample.init),
        pairedRatio: median(ratios.get(fn.id)!),
        jsBytes,
        floorJsBytes: floorSample.last![1],
        awsOnlyFloorJsBytes: fn.awsFloorKey ? floors.get(fn.awsFloorKey)!.jsBytes : undefined,
        beyondFloor: beyondFloor(fn.bundled, floors.get(fn.floorKey)!.contents),
        mapBytes: statSync(`${fn.file}.map`, { throwIfNoEntry: false })?.size ?? 0,
      };
    });
    log(`cold start: measured ${rows.length} functions (${relative(ROOT, outDir)} removed)`);
    return { rows, summary, timedFrom };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export const initRatio = (row: ColdStartRow): number => row.pairedRatio ?? row.initMs / row.floorMs;
/** A floor without clients is node's bare start; its JS is a few bytes, so a bytes ratio means nothing there. */
export const bytesRatio = (row: ColdStartRow): number | undefined =>
  row.floorClients.length > 0 ? row.jsBytes / row.floorJsBytes : undefined;

/** Functions that must load no AWS SDK at all. */
export const mustBeSdkFree = (row: ColdStartRow): boolean => /^GET \/(category|country)$|^authorizer$/.test(row.route);

const short = (names: string[]): string => names.map((s) => s.replace('@aws-sdk/', '')).join(', ') || 'none';

export function coldStartTable(rows: ColdStartRow[]): string {
  const lines = [
    '| function | route | SDK loaded | floor clients | init ms | floor ms | ratio | JS | floor JS | ratio | map |',
    '|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const bytes = bytesRatio(row);
    lines.push(
      `| ${row.id} | ${row.route} | ${row.sdkFree ? 'none' : short(row.sdk) || 'SDK core only'} | ${row.floorClients.join(', ') || 'none'} | ${row.initMs.toFixed(0)} | ${row.floorMs.toFixed(0)} | ${initRatio(row).toFixed(2)} | ${fmtBytes(row.jsBytes)} | ${fmtBytes(row.floorJsBytes)} | ${bytes === undefined ? 'n/a' : bytes.toFixed(2)} | ${row.mapBytes ? fmtBytes(row.mapBytes) : '-'} |`,
    );
  }
  return lines.join('\n');
}

/** Before and after side by side, per function: init, JS and SDK loaded. */
export function compareTable(before: ColdStartSnapshot, after: ColdStartRow[]): string {
  const lines = [
    `| function | init ms before | init ms after | init ratio before | init ratio after | JS before | JS after | SDK before | SDK after |`,
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const old = new Map(before.rows.map((row) => [row.id, row]));
  for (const row of after) {
    const was = old.get(row.id);
    lines.push(
      `| ${row.id} | ${was ? was.initMs.toFixed(0) : '-'} | ${row.initMs.toFixed(0)} | ${was ? initRatio(was).toFixed(2) : '-'} | ${initRatio(row).toFixed(2)} | ${was ? fmtBytes(was.jsBytes) : '-'} | ${fmtBytes(row.jsBytes)} | ${was ? (was.sdkFree ? 'none' : `${was.sdk.length} packages`) : '-'} | ${row.sdkFree ? 'none' : `${row.sdk.length} packages`} |`,
    );
  }
  const medianOf = (rows: ColdStartRow[], pick: (row: ColdStartRow) => number): number => median(rows.map(pick));
  lines.push(
    `| **median of all functions** | ${medianOf(before.rows, (r) => r.initMs).toFixed(0)} | ${medianOf(after, (r) => r.initMs).toFixed(0)} | ${medianOf(before.rows, initRatio).toFixed(2)} | ${medianOf(after, initRatio).toFixed(2)} | ${fmtBytes(medianOf(before.rows, (r) => r.jsBytes))} | ${fmtBytes(medianOf(after, (r) => r.jsBytes))} | | |`,
  );
  return lines.join('\n');
}

/** The targets: a function loads little beyond what it cannot avoid (its floor). */
export const MAX_INIT_RATIO = 1.3;
/** Pairs per function: a median of 7 still swung by 0.15 on a machine fresh from the tests. */
export const COLD_START_ROUNDS = 9;
/** On 2 cores: less than half the machine busy with anything else. */
const SETTLED_LOAD = 1;
const SETTLE_MAX_SECONDS = 120;
export const MAX_BYTES_RATIO = 1.2;

/** joi is bundled (found in the bundle, so in the floor) or loaded. */
const loadsJoi = (row: ColdStartRow): boolean => row.floorClients.includes('joi');

export function coldStartTargets(rows: ColdStartRow[]): BenchTarget[] {
  const worstInit = [...rows].sort((a, b) => initRatio(b) - initRatio(a));
  const overInit = worstInit.filter((row) => initRatio(row) > MAX_INIT_RATIO);
  const withFloor = rows.filter((row) => bytesRatio(row) !== undefined).sort((a, b) => bytesRatio(b)! - bytesRatio(a)!);
  const overBytes = withFloor.filter((row) => bytesRatio(row)! > MAX_BYTES_RATIO);
  const sdkFreeRows = rows.filter(mustBeSdkFree);
  const leaking = sdkFreeRows.filter((row) => !row.sdkFree || loadsJoi(row));
  const withStripe = rows.filter((row) => row.awsOnlyFloorJsBytes !== undefined);
  const dominant = (row: ColdStartRow | undefined): string =>
    row?.beyondFloor?.map(([name, size]) => `${name} ${fmtBytes(size)}`).join(', ') || 'nothing';
  return [
    {
      name: `every function init at most ${MAX_INIT_RATIO}x its floor`,
      met: overInit.length === 0,
      detail:
        overInit.length === 0
          ? `worst ${worstInit[0]?.id} ${worstInit[0] ? initRatio(worstInit[0]).toFixed(2) : '-'}`
          : `over: ${overInit.map((row) => `${row.id} ${initRatio(row).toFixed(2)} (beyond its floor: ${dominant(row)})`).join('; ')}. What dominates is the code loaded beyond the floor: the more JS is parsed and run at load, the longer; load only what the handler runs.`,
    },
    {
      name: 'GET /category, GET /country and the authorizers load no AWS SDK and no joi',
      met: sdkFreeRows.length > 0 && leaking.length === 0,
      detail:
        leaking.length === 0
          ? `${sdkFreeRows.map((row) => row.id).join(', ')}: no @aws-sdk, @smithy or joi code loaded or bundled`
          : `still loading SDK or joi code: ${leaking.map((row) => `${row.id} (${[...(row.sdkFree ? [] : [short(row.sdk)]), ...(loadsJoi(row) ? ['joi'] : [])].join(', ')})`).join(', ')}`,
    },
    {
      name: `every function's JS at most ${MAX_BYTES_RATIO}x its floor (functions with SDK clients)`,
      met: overBytes.length === 0,
      detail: [
        overBytes.length === 0
          ? `worst ${withFloor[0]?.id} ${withFloor[0] ? bytesRatio(withFloor[0])!.toFixed(2) : '-'} (beyond its floor: ${dominant(withFloor[0])})`
          : `over: ${overBytes.map((row) => `${row.id} ${bytesRatio(row)!.toFixed(2)} (beyond its floor: ${dominant(row)})`).join('; ')}`,
        `joi is in the floor of the ${rows.filter(loadsJoi).length} functions that validate input`,
        withStripe.length > 0
          ? `the Stripe SDK is in the floor of the ${withStripe.length === 1 ? 'function' : `${withStripe.length} functions`} that call${withStripe.length === 1 ? 's' : ''} Stripe; against their floor without Stripe: ${withStripe.map((row) => `${row.id} ${(row.jsBytes / row.awsOnlyFloorJsBytes!).toFixed(2)}`).join(', ')} (decision 22)`
          : '',
        `SDK-free functions have an empty floor (their JS: ${rows
          .filter((r) => r.floorClients.length === 0)
          .map((r) => fmtBytes(r.jsBytes))
          .join(', ')})`,
      ]
        .filter(Boolean)
        .join('; '),
    },
  ];
}

export const BEFORE_SNAPSHOT = join(ROOT, 'scripts/bench/coldstart-before.json');

export function loadBefore(): ColdStartSnapshot | undefined {
  return existsSync(BEFORE_SNAPSHOT)
    ? (JSON.parse(readFileSync(BEFORE_SNAPSHOT, 'utf8')) as ColdStartSnapshot)
    : undefined;
}

export function snapshot(
  label: string,
  stamp: RunStamp,
  rounds: number,
  layout: string,
  rows: ColdStartRow[],
): ColdStartSnapshot {
  return { label, commit: stamp.commit, date: stamp.date, machine: stamp.machine, rounds, layout, rows };
}

export const coldStartPart: BenchPart = async ({ quick }) => {
  // Quick measures a third of the functions, not fewer rounds: a median of 3 pairs swung past the target.
  const rounds = COLD_START_ROUNDS;
  const { rows, summary, timedFrom } = await measureColdStarts({
    rounds,
    every: quick ? 3 : 1,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const table = coldStartTable(rows);
  console.log(`\nCold start (median of ${rounds})\n${table}\n`);
  const before = loadBefore();
  const nodeOptions = [...new Set(functionEntries().map((fn) => fn.nodeOptions || '(none)'))].join(', ');
  const markdown = [
    `Median of ${rounds} fresh \`node\` processes per file (Node ${process.version}), functions interleaved, each probed right beside its own floor (in turn first and second), each with the NODE_OPTIONS its serverless.yml sets (${nodeOptions}). *ratio* is the median of those side-by-side pairs' init ratios, so a machine's drift between probes cancels out; ${timedFrom}. *init* is the time from the process's origin to the handler loaded (node's own start included, as in Lambda's Init Duration). *floor* imports and constructs only the SDK clients the function calls, bundled the same way: those its IAM statements allow (SSM too: read at the first call, but bundled), plus a client it bundles that no IAM statement names: an AWS API that needs none, Stripe's API, called through the Stripe SDK, or joi, which validates the function's input (${
      rows
        .filter((r) => r.withoutIam?.length)
        .map((r) => `${r.id}: ${r.withoutIam!.join(', ')}`)
        .join('; ') || 'none this run'
    }). *JS* is every JS file in the process after the load: the bundle and what it required from node_modules (an SDK left external is counted there), source maps aside. *SDK loaded* lists the client packages in require.cache or among the bundle's inputs; *none* means no @aws-sdk or @smithy file at all.`,
    '',
    `Bundling read from packages/sls-config/esbuild.yml: ${summary}.`,
    '',
    '### After (this run)',
    '',
    table,
    ...(before
      ? [
          '',
          `### Before (${before.label}: commit ${before.commit}, ${before.date}, median of ${before.rounds}, ${before.layout})`,
          '',
          `Saved in scripts/bench/coldstart-before.json; measured on ${before.machine}. Absolute milliseconds move with the machine's load; compare ratios.`,
          '',
          coldStartTable(before.rows),
          '',
          '### Before and after',
          '',
          compareTable(before, rows),
        ]
      : []),
  ].join('\n');
  return { title: 'Cold start', markdown, targets: coldStartTargets(rows) };
};
