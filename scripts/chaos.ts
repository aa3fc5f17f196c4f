import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localEnvironment } from './lib/local-env';
import { option } from './lib/options';
import { ROOT } from './lib/topology';

/**
 * `npm run chaos [-- --runs N --seed S --quick --only TEXT]`: drives the saga (checkouts,
 * webhooks, the bus, expiry, cancels, refunds, emails) through every fault point of the fault
 * layer (packages/testkit/src/chaos) on DynamoDB Local's scratch tables, checks the invariants
 * after each batch, prints fault point x invariant and writes it into docs/reliability.md (a full
 * run; `--quick` and `--only` print only). Exits 1 on any violation. Needs only DynamoDB Local,
 * which it starts (in memory) and stops; ESTORE_PORT_OFFSET moves it beside a running stack.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const seed = Number(option(args, 'seed') ?? Date.now() % 100_000);
  const runs = Number(option(args, 'runs') ?? (quick ? 1 : 3));
  const only = option(args, 'only');
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1)
    throw new Error('--seed and --runs take whole numbers');

  Object.assign(process.env, localEnvironment({ userPoolId: 'chaos-pool', userPoolClientId: 'chaos-client' }), {
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // The use cases' business metrics would print an EMF line per fact; the report is the output.
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  // Loaded once the environment is set: the shared logger reads its level as it loads.
  const { logFile, startDynamoDbLocal } = await import('./lib/stack');
  const logPath = join(tmpdir(), `estore-chaos-dynamodb-${Date.now()}.log`);
  const dynamodb = await startDynamoDbLocal(logFile(logPath));
  let exitCode = 0;
  try {
    // Loaded once the environment names DynamoDB Local: the services' modules read it as they load.
    const { runChaos } = await import('./chaos/engine');
    const { faultTable, generatedSection, sweepThroughput, writeReport } = await import('./chaos/report');
    const result = await runChaos({
      seed,
      runs,
      only,
      probability: 0.3,
      size: quick ? { customers: 4, products: 3 } : { customers: 6, products: 3 },
      log: (line) => process.stderr.write(`${line}\n`),
    });
    console.log(`\n${faultTable(result)}\n\n${sweepThroughput(result)}\n`);
    const command = `npm run chaos -- --seed ${seed} --runs ${runs}${quick ? ' --quick' : ''}`;
    if (!quick && !only) {
      writeReport(join(ROOT, 'docs', 'reliability.md'), generatedSection(result, command));
      console.log('docs/reliability.md updated');
    }
    console.log(`chaos: ${result.totalViolations} violations (seed ${seed}; replay with \`${command}\`)`);
    if (result.totalViolations > 0) exitCode = 1;
  } finally {
    await dynamodb.stop();
  }
  // The SDK keeps sockets alive; everything chaos started is stopped.
  process.exit(exitCode);
}

main().catch((error: Error) => {
  console.error(`chaos failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
