import { localEnvironment } from './lib/local-env';
import { seedWorkspaces } from './lib/run';
import { loadDevIdentity } from './lib/state';

/** `npm run seed [-- --products 50000]`: seeds the running local store, idempotently. */
async function main(): Promise<void> {
  const env = localEnvironment(loadDevIdentity());
  process.exitCode = await seedWorkspaces(env, process.argv.slice(2));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
