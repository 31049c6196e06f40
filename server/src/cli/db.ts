/**
 * Database commands: `migrate` applies pending migrations; `migration:create [name]` writes a new
 * migration from the difference between the entities and the migrated database.
 */
import 'reflect-metadata';
import { readConfig } from '../core/config.js';
import { openDatabase } from '../core/db/database.js';
import { createOrm, migrate } from '../core/db/orm.js';
import { entities } from '../entities.js';

const [command, name] = process.argv.slice(2);
if (command !== 'migrate' && command !== 'migration:create') {
  console.error('usage: db migrate | db migration:create [name]');
  process.exit(2);
}
const database = await openDatabase(readConfig());
const orm = await createOrm(database.url, entities);
try {
  if (command === 'migrate') {
    const applied = await migrate(orm);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } else {
    await migrate(orm);
    const result = await orm.migrator.create(undefined, false, false, name);
    console.log(result.fileName ? `Created ${result.fileName}` : 'No changes: entities match the migrations.');
  }
} finally {
  await orm.close();
  await database.stop();
}
