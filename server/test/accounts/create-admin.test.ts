import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

const run = promisify(execFile);
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const createAdmin = (args: string[], password: string) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/create-admin.ts', ...args], {
    env: { ...process.env, DATABASE_URL: app.orm.config.get('clientUrl'), ADMIN_PASSWORD: password },
  });

test('the create-admin command makes a new municipality and its first admin, who can then sign in', async () => {
  const { stdout } = await createAdmin(['--municipality', 'nowa-gmina', '--municipality-name', 'Nowa Gmina', '--email', 'Szef@Example.org', '--name', 'Admin Testowy'], 'a-long-enough-password');
  expect(stdout).toContain('Created administrator szef@example.org in nowa-gmina');
  const client = app.client('nowa-gmina');
  await client.signIn('szef@example.org', 'a-long-enough-password');
  expect((await client.ok(`{ me { role displayName } }`)).me).toEqual({ role: 'ADMIN', displayName: 'Admin Testowy' });
});

test('it refuses a short password and an unknown municipality without a name', async () => {
  await expect(createAdmin(['--municipality', 'leszno', '--email', 'a@example.org', '--name', 'A'], 'short')).rejects.toMatchObject({ code: 2 });
  await expect(createAdmin(['--municipality', 'nie-ma', '--email', 'a@example.org', '--name', 'A'], 'a-long-enough-password')).rejects.toMatchObject({
    stderr: expect.stringContaining('pass --municipality-name'),
  });
});
