/**
 * Creates the first administrator of a municipality (and the municipality itself when
 * --municipality-name is given and it does not exist yet):
 *
 *   ADMIN_PASSWORD='…' npm run create-admin -- --municipality leszno --municipality-name Leszno \
 *     --email admin@example.org --name "Jan Administrator"
 *
 * The password comes from ADMIN_PASSWORD, or is asked for, so it stays out of shell history.
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Role } from '../core/auth/roles.js';
import { readConfig } from '../core/config.js';
import { openDatabase } from '../core/db/database.js';
import { createOrm, migrate } from '../core/db/orm.js';
import { entities } from '../entities.js';
import { createUser } from '../modules/accounts/index.js';
import { ensureMunicipality, findMunicipalityScope } from '../modules/municipalities/index.js';
import { MIN_PASSWORD_LENGTH } from '../modules/accounts/account.inputs.js';
import { isStrongPassword } from '../modules/accounts/password.js';

const { values } = parseArgs({
  options: {
    municipality: { type: 'string' },
    'municipality-name': { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
  },
});

if (!values.municipality || !values.email || !values.name) {
  console.error('usage: create-admin --municipality <slug> [--municipality-name <name>] --email <email> --name <display name>');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  } finally {
    prompt.close();
  }
}

const password = await readPassword();
if (password.length < MIN_PASSWORD_LENGTH) {
  console.error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  process.exit(2);
}
if (!(await isStrongPassword(password, [values.email, values.name]))) {
  console.error('This password is too common or too easy to guess; use a longer phrase.');
  process.exit(2);
}

const database = await openDatabase(readConfig());
const orm = await createOrm(database.url, entities);
let failed = false;
try {
  await migrate(orm);
  const em = orm.em.fork();
  const municipalityName = values['municipality-name'];
  const scope = municipalityName
    ? await ensureMunicipality(em, values.municipality, municipalityName)
    : await findMunicipalityScope(em, values.municipality);
  if (!scope) throw new Error(`No municipality "${values.municipality}": pass --municipality-name to create it.`);
  const admin = await createUser(em, scope.id, { email: values.email, password, displayName: values.name, role: Role.ADMIN });
  console.log(`Created administrator ${admin.email} in ${values.municipality}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failed = true;
} finally {
  await orm.close();
  await database.stop();
}
process.exit(failed ? 1 : 0);
