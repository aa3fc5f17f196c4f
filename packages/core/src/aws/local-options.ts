import { optionalEnv } from '../config';

/**
 * Locally each AWS service is an emulator; its URL arrives in `<SERVICE>_ENDPOINT`.
 * In AWS the variable is empty and the SDK's regional default applies.
 */
export function localOptions(endpointVariable: string) {
  const endpoint = optionalEnv(endpointVariable);
  if (!endpoint) return {};
  return {
    endpoint,
    region: optionalEnv('AWS_REGION') ?? 'us-east-1',
    // Emulators accept any credentials; fixed ones keep local runs independent of ~/.aws.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
