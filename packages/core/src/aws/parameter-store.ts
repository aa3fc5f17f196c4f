import { BaseProvider } from '@aws-lambda-powertools/parameters/base';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { logger } from '../logger';

/**
 * A parameter a function is configured to read does not exist in SSM, or holds nothing. Not an
 * AppError: the HTTP wrapper answers 500 INTERNAL, and the log names the parameter.
 */
export class MissingParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: 'does not exist' | 'is empty',
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`SSM parameter ${parameter} ${reason}: ${hint}`, options);
    this.name = new.target.name;
  }
}

/** Every parameter the functions read is created by `npm run secrets` for its stage (`/estore/<stage>/...`). */
function setupHint(parameter: string): string {
  const stage = /^\/estore\/([^/]+)\//.exec(parameter)?.[1] ?? '<stage>';
  return `run \`npm run secrets -- --stage ${stage}\` (with --file <secrets file> for the Stripe secrets), see docs/deploy.md`;
}

/** SSM's own error for an unknown name, as the SDK throws it or as Powertools wraps it (`cause`). */
function isParameterNotFound(error: unknown): boolean {
  const named = (candidate: unknown) => candidate instanceof Error && candidate.name === 'ParameterNotFound';
  return named(error) || (error instanceof Error && named(error.cause));
}

/**
 * Reads one SecureString by name, with Powertools' cache and `maxAge`. Powertools' own SSMProvider
 * imports every SSM command it supports (paths, batches, writes): about 100 kB of minified schemas
 * in each function that reads a parameter. The store only ever calls GetParameter, so this
 * provider extends Powertools' documented BaseProvider with that one command (decision 22).
 * Concurrent reads of one name share one request, so a read started at cold start
 * (`prefetchSecureString`) and the first request's read are one GetParameter.
 */
export class SecureStringProvider extends BaseProvider {
  private readonly reading = new Map<string, Promise<string | undefined>>();

  constructor(client?: SSMClient) {
    super({ awsSdkV3Client: client ?? new SSMClient({}) });
  }

  protected _get(name: string): Promise<string | undefined> {
    let read = this.reading.get(name);
    if (!read) {
      read = (this.client as SSMClient)
        .send(new GetParameterCommand({ Name: name, WithDecryption: true }))
        .then(({ Parameter }) => Parameter?.Value)
        .finally(() => this.reading.delete(name));
      this.reading.set(name, read);
    }
    return read;
  }

  protected _getMultiple(path: string): Promise<undefined> {
    return Promise.reject(new Error(`SecureStringProvider reads single parameters only, not the path ${path}`));
  }
}

let shared: SecureStringProvider | undefined;

/**
 * A SecureString's value, read at most once per `maxAgeSeconds` per container. A missing or empty
 * parameter fails fast: the log names it and says how to create it, and the read rejects with a
 * `MissingParameterError` (a failed read is not cached: the next one asks SSM again).
 */
export async function readSecureString(
  name: string,
  maxAgeSeconds: number,
  provider: SecureStringProvider = (shared ??=
    new SecureStringProvider()),
): Promise<string> {
  let value: unknown;
  try {
    value = await provider.get(name, { maxAge: maxAgeSeconds });
  } catch (error) {
    if (!isParameterNotFound(error)) throw error;
    throw missing(name, error);
  }
  if (typeof value !== 'string' || !value) throw missing(name);
  return value;
}

function missing(parameter: string, cause?: unknown): MissingParameterError {
  const error =
    cause === undefined
      ? new MissingParameterError(parameter, 'is empty', setupHint(parameter))
      : new MissingParameterError(parameter, 'does not exist', setupHint(parameter), { cause });
  logger.error(`SSM parameter ${parameter} ${error.reason}`, { parameter, hint: error.hint });
  return error;
}

/**
 * Starts reading a SecureString now, as the function's module loads (its cold start), instead of at
 * its first use, so that a missing parameter is in the log from the init on. Never rejects (an
 * unhandled rejection would crash the init): a failure is logged, and the first use, which calls
 * `readSecureString` itself, joins the read still in flight, takes the cached value, or asks again.
 */
export function prefetchSecureString(
  name: string,
  maxAgeSeconds: number,
  provider?: SecureStringProvider,
): Promise<void> {
  return readSecureString(name, maxAgeSeconds, provider).then(
    () => undefined,
    (error: unknown) => {
      // A missing parameter was logged by the read itself; anything else (throttling, IAM) is retried at first use.
      if (!(error instanceof MissingParameterError))
        logger.warn('SSM parameter not read at cold start', { parameter: name, error: error as Error });
    },
  );
}
