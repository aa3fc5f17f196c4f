import { relative } from 'node:path';
import { generateSchemaSource, SCHEMA_PATH, writeSchema } from './schema-source';

/**
 * `npm run generate -w @estore/client`: rewrites src/schema.generated.ts from docs/openapi.yaml. With
 * `--stdout` it prints the text instead and writes nothing (the drift test compares it).
 */
async function main(): Promise<void> {
  if (process.argv.includes('--stdout')) {
    process.stdout.write(await generateSchemaSource());
    return;
  }
  await writeSchema();
  console.log(`wrote ${relative(process.cwd(), SCHEMA_PATH)}`);
}

main().catch((error: Error) => {
  console.error(`generating the client's types failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
