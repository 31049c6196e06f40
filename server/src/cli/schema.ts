/** Writes schema.graphql from the code, or with --check fails when the checked-in file is stale. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { projectRoot } from '../core/db/paths.js';
import { createAppPubSub } from '../core/pubsub.js';
import { buildAppSchema } from '../schema.js';

const file = path.join(projectRoot, 'schema.graphql');
const header = '# Generated from the server code by `npm run schema`. Do not edit.\n\n';
const text = header + printSchema(lexicographicSortSchema(await buildAppSchema(createAppPubSub().pubSub))) + '\n';

if (process.argv.includes('--check')) {
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('schema.graphql is stale: run `npm run schema` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  await writeFile(file, text);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}
