import { option } from './lib/options';
import { preflightProblems } from './lib/preflight';
import { stageParams, trafficModel } from './lib/stage-config';

/** `npm run preflight -- --stage S`: refuses to let a stage deploy with placeholder settings (scripts/lib/preflight.ts). */
function main(): void {
  const stage = option(process.argv.slice(2), 'stage');
  if (!stage) throw new Error('usage: npm run preflight -- --stage <stage>');
  const problems = preflightProblems(stage, stageParams(stage), trafficModel());
  if (problems.length > 0)
    throw new Error(`stage ${stage} is not ready to deploy:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  process.stdout.write(`stage ${stage}: settings ready to deploy (docs/deploy.md for the account-side steps)\n`);
}

try {
  main();
} catch (error) {
  console.error(`npm run preflight failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
