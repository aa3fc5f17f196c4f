import { SESv2Client } from '@aws-sdk/client-sesv2';
import { localOptions } from './local-options';

export function createSesClient(): SESv2Client {
  return new SESv2Client(localOptions('SES_ENDPOINT'));
}
