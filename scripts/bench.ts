import { localEnvironment } from './lib/local-env';
import { run } from './lib/run';
import { loadDevIdentity } from './lib/state';

/** `npm run bench`: each workspace's benchmark against the running local store; prints figures only. */
async function main(): Promise<void> {
  const env = localEnvironment(loadDevIdentity());
  process.exitCode = await run('npm', ['run', 'bench', '--workspaces', '--if-present', '--silent'], env);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
