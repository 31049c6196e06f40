import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmbeddedPostgres } from '../../src/core/db/embedded.js';

// `npm start` on a machine where another checkout's Razem still runs: the embedded PostgreSQL's port
// is taken. The person running it must read what happened and what to do, not `undefined`.

let occupant: Server;
let port: number;
beforeAll(async () => {
  occupant = createServer();
  await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
  port = (occupant.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => occupant.close(() => resolve())));

test('a taken port is refused with the port and the setting to change, before anything is written', async () => {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'razem-embedded-')), 'postgres');
  await expect(startEmbeddedPostgres({ dataDir, port, persistent: true, quiet: true })).rejects.toThrow(
    new RegExp(`Port ${port} is already in use.*EMBEDDED_PG_PORT`),
  );
  expect(existsSync(dataDir)).toBe(false);
});
