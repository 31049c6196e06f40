/** `npm run bench`: runs the benchmarks and writes docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/core/db/paths.js';
import { benchFairAllocation } from './fair-allocation.bench.js';
import { benchSpeedDating } from './speed-dating.bench.js';

const results = [benchFairAllocation(120), benchFairAllocation(40), ...benchSpeedDating()];
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (server); not part of the tests. Median and worst of 7 runs after one warm-up.',
  '',
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| benchmark | median | worst | result |',
  '| --- | ---: | ---: | --- |',
  ...results.map((r) => `| ${r.name} | ${r.medianMs.toFixed(1)} ms | ${r.maxMs.toFixed(1)} ms | ${r.detail} |`),
  '',
];
// Sections measured by hand (e.g. the request path, until `npm run bench:api` exists) are kept.
const file = path.join(projectRoot, 'docs', 'benchmarks.md');
const kept = existsSync(file) ? readFileSync(file, 'utf8').split(/^(?=## )/m).filter((section) => section.startsWith('## ')) : [];
writeFileSync(file, [lines.join('\n'), ...kept].join('\n'));
console.log(lines.join('\n'));
