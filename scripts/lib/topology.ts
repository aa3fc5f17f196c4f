import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(__dirname, '../..');

/**
 * Shifts every local port, so a second stack (another checkout's tests, say) can run beside
 * `npm run dev`. 0 gives the documented ports.
 */
export const PORT_OFFSET = Number(process.env.ESTORE_PORT_OFFSET ?? 0);
// Shifted ports must stay below Linux's ephemeral range (32768+), where the kernel hands the same
// numbers to outgoing connections and a service can find its port taken at start.
const MAX_PORT_OFFSET = 23000;
if (!Number.isInteger(PORT_OFFSET) || PORT_OFFSET < 0 || PORT_OFFSET > MAX_PORT_OFFSET) {
  throw new Error(
    `ESTORE_PORT_OFFSET must be a whole number from 0 to ${MAX_PORT_OFFSET}, got "${process.env.ESTORE_PORT_OFFSET}"`,
  );
}

/** Ports of the local platform. Each service's own port is read from its serverless.yml. */
export const PORTS = {
  gateway: 3000 + PORT_OFFSET,
  dynamodb: 8000 + PORT_OFFSET,
  cognito: 9229 + PORT_OFFSET,
  ses: 8005 + PORT_OFFSET,
  s3: 4569 + PORT_OFFSET,
  eventBridge: 4010 + PORT_OFFSET,
  eventBridgePubSub: 4011 + PORT_OFFSET,
} as const;

export interface Route {
  method: string;
  path: string;
}

export interface LocalService {
  name: string;
  dir: string;
  httpPort: number;
  lambdaPort: number;
  routes: Route[];
  functionCount: number;
  /** True when this service hosts the shared EventBridge mock. */
  hostsEventBus: boolean;
  /** True when this service runs the local S3 (serverless-s3-local). */
  hostsS3: boolean;
  /** The whole serverless.yml as read, for scripts that need more of it (the cold-start bench). */
  definition: Record<string, unknown>;
}

interface ServerlessYaml {
  plugins?: string[];
  custom?: {
    'serverless-offline'?: { httpPort?: number; lambdaPort?: number };
    'serverless-offline-aws-eventbridge'?: { mockEventBridgeServer?: boolean };
  };
  functions?: Record<string, { events?: Array<{ httpApi?: { method: string; path: string } }> }>;
}

/**
 * Reads every service's serverless.yml once: its offline ports and its HTTP routes, so the
 * gateway's routing table is derived from the definitions, never written twice.
 */
export function readServices(root = ROOT): LocalService[] {
  const servicesDir = join(root, 'services');
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, 'serverless.yml')))
    .sort()
    .map((name) => {
      const dir = join(servicesDir, name);
      // CloudFormation tags (!Ref, !GetAtt ...) are irrelevant here; keep them as plain values.
      const config = parse(readFileSync(join(dir, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as ServerlessYaml;
      const offline = config.custom?.['serverless-offline'] ?? {};
      const functions = Object.values(config.functions ?? {});
      const routes = functions.flatMap((fn) =>
        (fn.events ?? []).flatMap((event) =>
          event.httpApi ? [{ method: event.httpApi.method.toUpperCase(), path: event.httpApi.path }] : [],
        ),
      );
      if (!offline.httpPort || !offline.lambdaPort) {
        throw new Error(`services/${name}/serverless.yml must set custom.serverless-offline.httpPort and lambdaPort`);
      }
      return {
        name,
        dir,
        httpPort: offline.httpPort + PORT_OFFSET,
        lambdaPort: offline.lambdaPort + PORT_OFFSET,
        routes,
        functionCount: functions.length,
        hostsEventBus: config.custom?.['serverless-offline-aws-eventbridge']?.mockEventBridgeServer === true,
        hostsS3: (config.plugins ?? []).includes('serverless-s3-local'),
        definition: config as Record<string, unknown>,
      };
    });
}

/** A service is started locally when it has functions, or hosts the event bus. */
export const isRunnable = (service: LocalService): boolean => service.functionCount > 0 || service.hostsEventBus;
