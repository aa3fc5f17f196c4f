import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { localOptions } from './local-options';

export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient(localOptions('EVENTBRIDGE_ENDPOINT'));
}
