import { upgradeLocalTables } from './lib/local-indexes';
import { seedWorkspaces } from './lib/run';
import { startStack } from './lib/stack';
import { DEV_DATA_DIR, saveDevIdentity } from './lib/state';
import { PORTS } from './lib/topology';

/** `npm run dev`: the whole store on local emulators, seeded, behind http://localhost:3000. */
async function main(): Promise<void> {
  const started = Date.now();
  const stack = await startStack({ dataDir: DEV_DATA_DIR, inMemory: false, output: process.stdout, useDotEnv: true });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the local store...\n');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    saveDevIdentity(stack.identity);
    await upgradeLocalTables(stack.services, stack.env.DYNAMODB_ENDPOINT, (line) => process.stdout.write(`${line}\n`));
    if ((await seedWorkspaces(stack.env)) !== 0) process.stdout.write('Seeding failed: see the output above.\n');
  } catch (error) {
    // Nothing may outlive a failed start: the next `npm run dev` would find every port taken.
    await stack.stop();
    throw error;
  }

  const services = stack.services.map((s) => `${s.name} :${s.httpPort}`).join(', ');
  process.stdout.write(
    [
      '',
      `E-Store is running (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
      `  API          http://localhost:${PORTS.gateway}`,
      `  Email inbox  http://localhost:${PORTS.ses}`,
      `  Services     ${services}`,
      `  Emulators    DynamoDB :${PORTS.dynamodb}, Cognito :${PORTS.cognito}, SES :${PORTS.ses}, S3 :${PORTS.s3}, EventBridge :${PORTS.eventBridge}`,
      `  Sign in as   admin, staff or user, password 123456`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  console.error(`\nnpm run dev failed: ${error.message}`);
  process.exit(1);
});
