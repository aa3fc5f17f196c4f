import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { BaseProvider } from '@aws-lambda-powertools/parameters/base';

/**
 * Reads one SecureString by name, with Powertools' cache and `maxAge`. Powertools' own SSMProvider
 * imports every SSM command it supports (paths, batches, writes): about 100 kB of minified schemas
 * in each function that reads a parameter. The store only ever calls GetParameter, so this
 * provider extends Powertools' documented BaseProvider with that one command (decision 22).
 */
export class SecureStringProvider extends BaseProvider {
  constructor(client?: SSMClient) {
    super({ awsSdkV3Client: client ?? new SSMClient({}) });
  }

  protected async _get(name: string): Promise<string | undefined> {
    const { Parameter } = await (this.client as SSMClient).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return Parameter?.Value;
  }

  protected _getMultiple(path: string): Promise<undefined> {
    return Promise.reject(new Error(`SecureStringProvider reads single parameters only, not the path ${path}`));
  }
}

let shared: SecureStringProvider | undefined;

/** A SecureString's value, read at most once per `maxAgeSeconds` per container; an empty or missing one fails fast. */
export async function readSecureString(name: string, maxAgeSeconds: number, provider: SecureStringProvider = (shared ??= new SecureStringProvider())): Promise<string> {
  const value = await provider.get(name, { maxAge: maxAgeSeconds });
  if (typeof value !== 'string' || !value) throw new Error(`SSM parameter ${name} is empty`);
  return value;
}
