// Untracked: two web builds in front of one API, the directory page as staff, interleaved rounds.
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { startProcess, httpOk, stopAll, serverDir, repoRoot } from './bench/api/contenders.js';
import { runLoad } from './bench/api/load.js';
import { CpuMeter } from './bench/api/procstat.js';
import { seedBenchDatabase } from './bench/api/seed.js';
import { sessionHeaders } from './bench/api/workloads.js';
import { PRODUCTION_NODE_OPTIONS } from './test/support/production-server.js';

const flags = new Map(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const builds = (flags.get('builds') ?? 'build-base,build').split(',');
const rounds = Number(flags.get('rounds') ?? 4), duration = Number(flags.get('duration') ?? 8), warmup = Number(flags.get('warmup') ?? 4);
const logDir = mkdtempSync(path.join(os.tmpdir(), 'abw-'));
const data = await seedBenchDatabase('postgresql://postgres@127.0.0.1:5432', 'razem_bench');
const api = await startProcess({ name: 'api', port: 5301, logDir, args: [...PRODUCTION_NODE_OPTIONS, path.join(serverDir, 'dist', 'main.js')],
  env: { DATABASE_URL: data.databaseUrl, PORT: '5301', HOST: '127.0.0.1', PUBLIC_ORIGIN: 'http://127.0.0.1:5301', NODE_ENV: 'production', SERVE_WEB: 'false', SEED_DEMO_DATA: 'false', RATE_LIMITS: 'off' },
  probe: (p) => httpOk(`http://127.0.0.1:${p}/ready`)() });
const webs = [];
for (const [i, build] of builds.entries()) {
  const port = 5310 + i;
  webs.push(await startProcess({ name: build, port, logDir, cwd: repoRoot, args: [path.join(repoRoot, 'web', build)],
    env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, API_URL: 'http://127.0.0.1:5301/graphql', NODE_ENV: 'production' },
    probe: async (p) => (await fetch(`http://127.0.0.1:${p}/`)).status < 500 }));
}
const staff = sessionHeaders(data, data.staffToken);
const plan = (port: number) => ({ port, request: () => ({ method: 'GET', path: `/${data.municipalitySlug}/organizations`, headers: { cookie: staff.cookie }, body: '' }) });
for (const w of webs) await runLoad(plan(w.port) as any, { connections: 50, durationSeconds: warmup });
for (let r = 1; r <= rounds; r++) for (const w of webs) {
  const web = new CpuMeter(() => [w.pid]); const apiCpu = new CpuMeter(() => [api.pid]);
  const res = await runLoad(plan(w.port) as any, { connections: 50, durationSeconds: duration });
  console.log(`round ${r} ${w.name}: ${(res.requests / res.seconds).toFixed(0)}/s web ${(web.elapsed() / res.requests).toFixed(2)} api ${(apiCpu.elapsed() / res.requests).toFixed(2)} ms/page err ${res.errors}`);
}
await stopAll();
