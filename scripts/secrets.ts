import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CURSOR_SIGNING_KEY, FILE_SECRETS, parameterName } from './lib/parameters';

/**
 * `npm run secrets -- --stage S [--file secrets.json] [--rotate-cursor-key] [--region R]`: creates
 * the SSM parameters a stage's functions read (scripts/lib/parameters.ts, `managedParameters`), as
 * SecureStrings (AWS managed key) under `/estore/<stage>/` (docs/decisions.md #16):
 * - the Stripe secrets from the file (JSON or `.env`-style, kept out of git), replacing older values;
 * - the cursor signing key, generated here when the stage has none and otherwise left alone, since
 *   a new key turns every outstanding list cursor into a 400; `--rotate-cursor-key` replaces it.
 * Without `--file` only the cursor signing key is ensured. Values are never printed. Uses the usual
 * AWS credentials (AWS_PROFILE, ...).
 */

const USAGE = [
  'usage: npm run secrets -- --stage <stage> [--file <secrets.json|.env file>] [--rotate-cursor-key] [--region <region>]',
  `  --file               stores the Stripe secrets it holds (${FILE_SECRETS.map((secret) => secret.keys[0]).join(', ')});`,
  '                       without it, only the cursor signing key is ensured',
  '  --rotate-cursor-key  replaces the cursor signing key (generated when missing either way): outstanding list cursors then answer 400',
].join('\n');

export interface SecretParameter {
  Name: string;
  Value: string;
}

/** Stages are lower-case names; `local` keeps its secrets in `.env`, never in SSM. */
export function assertDeployableStage(stage: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(stage) || stage === 'local')
    throw new Error(`"${stage}" is not a deployable stage name`);
}

/** A JSON object, or `KEY=value` lines (comments and quotes as in `.env`). */
export function parseSecretsFile(content: string): Record<string, string> {
  const trimmed = content.trim();
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed))
      if (typeof value !== 'string') throw new Error(`${key} must be a string`);
    return parsed as Record<string, string>;
  }
  return parseEnv(content) as Record<string, string>;
}

/** The file's SSM parameters for `stage`; refuses unknown keys, missing secrets and values of the wrong shape. */
export function secretParameters(stage: string, values: Record<string, string>): SecretParameter[] {
  assertDeployableStage(stage);
  const known = new Set<string>(FILE_SECRETS.flatMap((secret) => [...secret.keys]));
  const unknown = Object.keys(values).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new Error(
      `Unknown secrets: ${unknown.join(', ')} (expected ${FILE_SECRETS.map((secret) => secret.keys[0]).join(', ')})`,
    );
  return FILE_SECRETS.map((secret) => {
    const value = secret.keys
      .map((key) => values[key])
      .find((candidate) => candidate !== undefined && candidate !== '');
    if (value === undefined) throw new Error(`${secret.keys[0]} is missing`);
    if (!secret.pattern.test(value)) throw new Error(`${secret.keys[0]} does not look like a ${secret.description}`);
    if (stage === 'prod' && /^(sk|rk)_test_/.test(value))
      throw new Error('prod must use a live Stripe key, not a test key');
    return { Name: parameterName(stage, secret.name), Value: value };
  });
}

type Ssm = Pick<SSMClient, 'send'>;

/** Writes each parameter as a SecureString, replacing an older value (a rotation). */
export async function putSecrets(client: Ssm, parameters: SecretParameter[]): Promise<void> {
  for (const parameter of parameters) {
    await client.send(
      new PutParameterCommand({
        Name: parameter.Name,
        Value: parameter.Value,
        Type: 'SecureString',
        Overwrite: true,
        Tier: 'Standard',
      }),
    );
  }
}

/** 256 random bits, base64url: far beyond the codec's 16-character minimum. */
export const generateCursorSigningKey = (): string => randomBytes(32).toString('base64url');

export type CursorKeyOutcome = 'generated' | 'kept' | 'rotated';

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/**
 * Makes sure the stage has a cursor signing key: generates one when the parameter does not exist,
 * keeps an existing one (its value is not even decrypted), replaces it only when `rotate` is set.
 * Another run creating it between our read and our write wins: its key is kept.
 */
export async function ensureCursorSigningKey(
  client: Ssm,
  stage: string,
  options: { rotate?: boolean; generateKey?: () => string } = {},
): Promise<CursorKeyOutcome> {
  const { rotate = false, generateKey = generateCursorSigningKey } = options;
  const Name = parameterName(stage, CURSOR_SIGNING_KEY);
  const put = (Overwrite: boolean) =>
    client.send(
      new PutParameterCommand({ Name, Value: generateKey(), Type: 'SecureString', Overwrite, Tier: 'Standard' }),
    );
  if (rotate) {
    await put(true);
    return 'rotated';
  }
  try {
    await client.send(new GetParameterCommand({ Name }));
    return 'kept';
  } catch (error) {
    if (!isNamed(error, 'ParameterNotFound')) throw error;
  }
  try {
    await put(false);
    return 'generated';
  } catch (error) {
    if (isNamed(error, 'ParameterAlreadyExists')) return 'kept';
    throw error;
  }
}

export interface SecretsRun {
  /** The SSM client for the region the parameters go to. */
  client(region: string): Ssm;
  readFile(path: string): string;
  write(line: string): void;
  generateKey?: () => string;
}

/** The whole command over `args`: everything is validated before anything is written. */
export async function runSecrets(args: string[], run: SecretsRun, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let values: { stage?: string; file?: string; region?: string; 'rotate-cursor-key'?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        stage: { type: 'string' },
        file: { type: 'string' },
        region: { type: 'string' },
        'rotate-cursor-key': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const { stage, file } = values;
  if (!stage) throw new Error(USAGE);
  assertDeployableStage(stage);
  const parameters = file === undefined ? [] : secretParameters(stage, parseSecretsFile(run.readFile(file)));
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const client = run.client(region);

  await putSecrets(client, parameters);
  for (const parameter of parameters) run.write(`stored ${parameter.Name} (SecureString, ${region})`);
  if (file === undefined) run.write('no --file: the Stripe secrets were left as they are');

  const cursorKey = parameterName(stage, CURSOR_SIGNING_KEY);
  const outcome = await ensureCursorSigningKey(client, stage, {
    rotate: values['rotate-cursor-key'],
    generateKey: run.generateKey,
  });
  if (outcome === 'generated') run.write(`generated ${cursorKey} (SecureString, ${region})`);
  if (outcome === 'kept')
    run.write(
      `kept the existing ${cursorKey} (--rotate-cursor-key replaces it, and outstanding list cursors then answer 400)`,
    );
  if (outcome === 'rotated')
    run.write(`rotated ${cursorKey} (SecureString, ${region}): list cursors signed with the old key now answer 400`);

  if (parameters.length > 0 || outcome === 'rotated') {
    run.write(
      'Running functions keep the values they read until their containers are replaced: redeploy to switch at once.',
    );
  }
}

if (require.main === module) {
  runSecrets(process.argv.slice(2), {
    client: (region) => new SSMClient({ region }),
    readFile: (path) => readFileSync(path, 'utf8'),
    write: (line) => process.stdout.write(`${line}\n`),
  }).catch((error: Error) => {
    console.error(`npm run secrets failed: ${error.message}`);
    process.exitCode = 1;
  });
}
