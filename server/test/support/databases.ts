import pg from 'pg';

export const TEMPLATE_DATABASE = 'razem_test_template';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Drops and creates `name` (optionally as a copy of a template); returns its URL. */
export async function recreateDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await onServer(serverUrl, async (client) => {
    await client.query(`drop database if exists ${ident(name)} with (force)`);
    await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
  });
  return `${serverUrl}/${name}`;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`drop database if exists ${ident(name)} with (force)`));
}
