import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { option } from './lib/options';

/**
 * `npm run secrets -- --stage S --file secrets.json [--region R]`: stores a stage's secrets in SSM
 * Parameter Store as SecureStrings (AWS managed key), where the payment and order functions read
 * them (`/estore/<stage>/payment/*`, docs/decisions.md #16). The file is JSON or `.env`-style and
 * stays out of git; values are never printed. Uses the usual AWS credentials (AWS_PROFILE, ...).
 */

/** The secrets a stage needs: the file's key (either spelling) -> the parameter's name under the stage. */
export const SECRETS = [
  { keys: ['STRIPE_SECRET_KEY', 'stripe-secret-key'], name: 'payment/stripe-secret-key', pattern: /^(sk|rk)_(test|live)_\S+$/ },
  { keys: ['STRIPE_WEBHOOK_SECRET', 'stripe-webhook-secret'], name: 'payment/stripe-webhook-secret', pattern: /^whsec_\S+$/ },
] as const;

export interface SecretParameter {
  Name: string;
  Value: string;
}

/** A JSON object, or `KEY=value` lines (comments and quotes as in `.env`). */
export function parseSecretsFile(content: string): Record<string, string> {
  const trimmed = content.trim();
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed)) if (typeof value !== 'string') throw new Error(`${key} must be a string`);
    return parsed as Record<string, string>;
  }
  return parseEnv(content) as Record<string, string>;
}

/** The SSM parameters for `stage`; refuses unknown keys, missing secrets and values of the wrong shape. */
export function secretParameters(stage: string, values: Record<string, string>): SecretParameter[] {
  if (!/^[a-z][a-z0-9-]*$/.test(stage) || stage === 'local') throw new Error(`"${stage}" is not a deployable stage name`);
  const known = new Set<string>(SECRETS.flatMap((secret) => [...secret.keys]));
  const unknown = Object.keys(values).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`Unknown secrets: ${unknown.join(', ')} (expected ${SECRETS.map((secret) => secret.keys[0]).join(', ')})`);
  return SECRETS.map((secret) => {
    const value = secret.keys.map((key) => values[key]).find((candidate) => candidate !== undefined && candidate !== '');
    if (value === undefined) throw new Error(`${secret.keys[0]} is missing`);
    if (!secret.pattern.test(value)) throw new Error(`${secret.keys[0]} does not look like a Stripe ${secret.name.endsWith('key') ? 'secret key' : 'webhook signing secret'}`);
    if (stage === 'prod' && /^(sk|rk)_test_/.test(value)) throw new Error('prod must use a live Stripe key, not a test key');
    return { Name: `/estore/${stage}/${secret.name}`, Value: value };
  });
}

/** Writes each parameter as a SecureString, replacing an older value (a rotation). */
export async function putSecrets(client: Pick<SSMClient, 'send'>, parameters: SecretParameter[]): Promise<void> {
  for (const parameter of parameters) {
    await client.send(new PutParameterCommand({ Name: parameter.Name, Value: parameter.Value, Type: 'SecureString', Overwrite: true, Tier: 'Standard' }));
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stage = option(args, 'stage');
  const file = option(args, 'file');
  if (!stage || !file) throw new Error('usage: npm run secrets -- --stage <stage> --file <secrets.json|.env file> [--region <region>]');
  const parameters = secretParameters(stage, parseSecretsFile(readFileSync(file, 'utf8')));
  const region = option(args, 'region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  await putSecrets(new SSMClient({ region }), parameters);
  for (const parameter of parameters) process.stdout.write(`stored ${parameter.Name} (SecureString, ${region})\n`);
  process.stdout.write('Running functions keep the values they read until their containers are replaced: redeploy to switch at once.\n');
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`npm run secrets failed: ${error.message}`);
    process.exitCode = 1;
  });
}
