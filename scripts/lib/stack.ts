import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { type ConcurrentlyCommandInput, type ConcurrentlyResult, concurrently } from 'concurrently';
import waitOn from 'wait-on';
import { ensureLocalUserPool } from './cognito-setup';
import { type LocalIdentity, loadDotEnv, localEnvironment, localPaymentSettings } from './local-env';
import { assertPortsFree, isPortInUse } from './ports';
import { isRunnable, type LocalService, PORT_OFFSET, PORTS, ROOT, readServices } from './topology';

export interface StackOptions {
  /** Where emulator data lives: `.data` for dev (kept across restarts), a temp dir for tests. */
  dataDir: string;
  /** Keep DynamoDB in memory (tests) instead of on disk (dev). */
  inMemory: boolean;
  /** Where process output goes: the terminal for dev, a log file for tests. */
  output: Writable;
  /** Read `.env` (local secrets such as a Stripe test key): dev does, tests never (they stay offline). */
  useDotEnv?: boolean;
  /** Seconds to wait for everything to answer. */
  readyTimeoutSeconds?: number;
  /**
   * Run handlers without serverless-offline's Lambda timeout (tests). It counts loading a
   * function's bundle (its cold start) against the function's timeout, which Lambda does not; on
   * a busy machine the first calls of a function then fail after 10 s (decision 27).
   */
  noLambdaTimeout?: boolean;
}

export interface RunningStack {
  identity: LocalIdentity;
  env: Record<string, string>;
  services: LocalService[];
  stop(): Promise<void>;
}

const BIN = join(ROOT, 'node_modules', '.bin');
const DYNAMODB_DIR = join(ROOT, 'node_modules', 'amplify-dynamodb-simulator', 'emulator');

const toolEnv = {
  PATH: `${BIN}:${process.env.PATH ?? ''}`,
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  // Avoid osls update checks and colour codes in logs captured by tests.
  SLS_DEPRECATION_DISABLE: '*',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function dynamoDbCommand(options: Pick<StackOptions, 'inMemory' | 'dataDir'>): ConcurrentlyCommandInput {
  const dynamoStorage = options.inMemory ? '-inMemory' : `-dbPath ${join(options.dataDir, 'dynamodb')}`;
  return {
    name: 'dynamodb',
    cwd: DYNAMODB_DIR,
    command: `java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -sharedDb -port ${PORTS.dynamodb} -disableTelemetry ${dynamoStorage}`,
  };
}

function emulatorCommands(options: StackOptions): ConcurrentlyCommandInput[] {
  return [
    dynamoDbCommand(options),
    {
      name: 'cognito',
      cwd: join(options.dataDir, 'cognito'),
      command: `${BIN}/cognito-local`,
      env: { HOST: '127.0.0.1', PORT: String(PORTS.cognito), DEBUG: '' },
    },
    { name: 'ses', command: `${BIN}/aws-ses-v2-local --host 127.0.0.1 --port ${PORTS.ses}` },
  ];
}

function serviceCommands(
  services: LocalService[],
  identity: LocalIdentity,
  options: StackOptions,
): ConcurrentlyCommandInput[] {
  const env = localEnvironment(identity);
  const params = Object.entries({
    userPoolId: identity.userPoolId,
    userPoolClientId: identity.userPoolClientId,
    cognitoIssuer: env.COGNITO_ISSUER,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
    cognitoEndpoint: env.COGNITO_ENDPOINT,
    sesEndpoint: env.SES_ENDPOINT,
    s3Endpoint: env.S3_ENDPOINT,
    eventBridgeEndpoint: env.EVENTBRIDGE_ENDPOINT,
    dynamodbPort: PORTS.dynamodb,
    s3Port: PORTS.s3,
    eventBridgePort: PORTS.eventBridge,
    eventBridgePubSubPort: PORTS.eventBridgePubSub,
    ...localPaymentSettings(),
    cursorSigningKey: env.CURSOR_SIGNING_KEY,
  })
    // osls refuses an empty --param; an absent one falls back to packages/sls-config/params.yml.
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `--param="${name}=${value}"`)
    .join(' ');
  return [
    ...services.map((service) => ({
      name: service.name,
      cwd: service.dir,
      command:
        `${BIN}/serverless offline start --stage local ${params} ` +
        `--httpPort ${service.httpPort} --lambdaPort ${service.lambdaPort} --websocketPort ${service.httpPort + 200}` +
        (options.noLambdaTimeout ? ' --noTimeout' : ''),
      env: { ...toolEnv, ESTORE_S3_DIR: join(options.dataDir, 's3'), ESTORE_PORT_OFFSET: String(PORT_OFFSET) },
    })),
    {
      name: 'gateway',
      cwd: ROOT,
      command: `${BIN}/tsx scripts/gateway.ts`,
      env: { ...toolEnv, ESTORE_PORT_OFFSET: String(PORT_OFFSET) },
    },
  ];
}

function start(commands: ConcurrentlyCommandInput[], output: Writable): ConcurrentlyResult {
  const run = concurrently(commands, {
    prefix: 'name',
    killOthersOn: ['failure'],
    outputStream: output,
    handleInput: false,
  });
  run.result.catch(() => undefined); // failures are reported where the stack waits or stops
  return run;
}

/** Waits for resources, failing as soon as one of the processes exits. */
async function waitFor(resources: string[], run: ConcurrentlyResult, timeoutSeconds: number): Promise<void> {
  const exited = run.result.then(
    () => {
      throw new Error('A local process exited while starting');
    },
    (events: Array<{ command: { name: string }; exitCode: number | string }>) => {
      const failed = events
        .filter((event) => event.exitCode !== 0)
        .map((event) => `${event.command.name} (exit ${event.exitCode})`);
      throw new Error(`Local processes failed while starting: ${failed.join(', ')}`);
    },
  );
  await Promise.race([waitOn({ resources, timeout: timeoutSeconds * 1000, interval: 250, tcpTimeout: 1000 }), exited]);
}

async function stopAll(runs: ConcurrentlyResult[]): Promise<void> {
  for (const run of runs.reverse()) {
    for (const command of run.commands) command.kill('SIGTERM');
    await Promise.race([run.result.catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
  }
}

/** Starts the emulators, every service under serverless-offline and the gateway; resolves when all answer. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  if (options.useDotEnv) loadDotEnv();
  // Generous: every function is bundled (SDK included) before a service listens, and CI machines are small.
  const timeout = options.readyTimeoutSeconds ?? 240;
  const services = readServices().filter(isRunnable);
  const ports: Record<string, number> = {
    gateway: PORTS.gateway,
    'DynamoDB Local': PORTS.dynamodb,
    'cognito-local': PORTS.cognito,
    'local SES': PORTS.ses,
    'local S3': PORTS.s3,
    'EventBridge mock': PORTS.eventBridge,
    'EventBridge pub/sub': PORTS.eventBridgePubSub,
  };
  for (const service of services) {
    ports[`${service.name} service`] = service.httpPort;
    ports[`${service.name} lambda`] = service.lambdaPort;
  }
  await assertPortsFree(ports);
  for (const dir of ['dynamodb', 'cognito/.cognito', 's3']) mkdirSync(join(options.dataDir, dir), { recursive: true });
  // cognito-local makes every new pool sign in by email unless told otherwise; the store signs in by username.
  writeFileSync(
    join(options.dataDir, 'cognito', '.cognito', 'config.json'),
    JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
  );

  const runs: ConcurrentlyResult[] = [];
  try {
    const emulators = start(emulatorCommands(options), options.output);
    runs.push(emulators);
    await waitFor(
      [
        `tcp:127.0.0.1:${PORTS.dynamodb}`,
        `tcp:127.0.0.1:${PORTS.cognito}`,
        `http-get://127.0.0.1:${PORTS.ses}/health-check`,
      ],
      emulators,
      timeout,
    );
    const identity = await ensureLocalUserPool();

    const apps = start(serviceCommands(services, identity, options), options.output);
    runs.push(apps);
    const resources = [
      `tcp:127.0.0.1:${PORTS.gateway}`,
      ...services.filter((s) => s.routes.length > 0).map((s) => `tcp:127.0.0.1:${s.httpPort}`),
      ...(services.some((s) => s.hostsEventBus) ? [`tcp:127.0.0.1:${PORTS.eventBridge}`] : []),
      ...(services.some((s) => s.hostsS3) ? [`tcp:127.0.0.1:${PORTS.s3}`] : []),
    ];
    await waitFor(resources, apps, timeout);
    return { identity, env: localEnvironment(identity), services, stop: () => stopAll(runs) };
  } catch (error) {
    await stopAll(runs);
    throw error;
  }
}

/** DynamoDB Local alone, in memory (`npm run chaos` needs nothing else); resolves when it answers. */
export async function startDynamoDbLocal(output: Writable, timeoutSeconds = 60): Promise<{ stop(): Promise<void> }> {
  await assertPortsFree({ 'DynamoDB Local': PORTS.dynamodb });
  const run = start([dynamoDbCommand({ inMemory: true, dataDir: '' })], output);
  try {
    await waitFor([`tcp:127.0.0.1:${PORTS.dynamodb}`], run, timeoutSeconds);
  } catch (error) {
    await stopAll([run]);
    throw error;
  }
  return { stop: () => stopAll([run]) };
}

/** After a stop, lists the ports something still listens on (should be none). */
export async function leftoverPorts(services: LocalService[]): Promise<number[]> {
  const ports = [...Object.values(PORTS), ...services.flatMap((s) => [s.httpPort, s.lambdaPort])];
  const busy: number[] = [];
  for (const port of ports) if (await isPortInUse(port)) busy.push(port);
  return busy;
}

export function logFile(path: string): Writable {
  return createWriteStream(path, { flags: 'w' });
}
