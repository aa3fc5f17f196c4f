import { writeFileSync } from 'node:fs';
import {
  BEFORE_SNAPSHOT,
  COLD_START_ROUNDS,
  coldStartTable,
  coldStartTargets,
  measureColdStarts,
  snapshot,
} from './bench/coldstart';
import { runStamp } from './bench/format';
import { option } from './lib/options';

/**
 * `npm run coldstart [-- --rounds N] [--only TEXT] [--save-before LABEL]`: the cold-start part of
 * `npm run bench` alone; prints the table and the targets, writes nothing unless asked to save the
 * "before" snapshot (scripts/bench/coldstart-before.json) that the full bench renders beside its run.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = Number(option(args, 'rounds') ?? COLD_START_ROUNDS);
  const stamp = runStamp();
  const { rows, summary, timedFrom } = await measureColdStarts({
    rounds,
    filter: option(args, 'only'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(
    `\nCold start, median of ${rounds} (${stamp.date}, ${stamp.machine}, commit ${stamp.commit}; ${timedFrom})\n${coldStartTable(rows)}\n`,
  );
  for (const target of coldStartTargets(rows))
    console.log(`${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.detail}`);
  const label = option(args, 'save-before');
  if (label) {
    writeFileSync(BEFORE_SNAPSHOT, `${JSON.stringify(snapshot(label, stamp, rounds, summary, rows), null, 2)}\n`);
    console.log(`saved ${BEFORE_SNAPSHOT}`);
  }
}

main().catch((error: Error) => {
  console.error(`coldstart failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
