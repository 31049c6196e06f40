import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configVariableNames } from '../../src/core/config.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { PRODUCTION_NODE_OPTIONS } from '../support/production-server.js';

/**
 * docker-compose.yml is never started in CI (no Docker there), so it is checked against the code it
 * deploys: a build target, variable or probe that the code does not have fails here, not on a
 * municipality's server.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

interface Service {
  build?: { context: string; target: string };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const stages = new Set([...read('Dockerfile').matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]));

// What adapter-node reads (its documentation) and what our web app declares in web/src/env.ts
// (read as text: that file belongs to the web app's build, with its own TypeScript set-up).
const webVariables = [...read('web/src/env.ts').matchAll(/^ {2}([A-Z_]+): \{/gm)].map((m) => m[1]!);
const ADAPTER_NODE_VARIABLES = ['HOST', 'PORT', 'SOCKET_PATH', 'XFF_DEPTH', 'ADDRESS_HEADER', 'PROTOCOL_HEADER', 'HOST_HEADER', 'PORT_HEADER', 'BODY_SIZE_LIMIT', 'SHUTDOWN_TIMEOUT', 'IDLE_TIMEOUT', 'KEEP_ALIVE_TIMEOUT', 'HEADERS_TIMEOUT'];
const known: Record<string, string[]> = {
  server: configVariableNames(),
  web: [...ADAPTER_NODE_VARIABLES, ...webVariables],
  // The official images' documented settings.
  postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
  proxy: ['SITE_ADDRESS'],
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

test('every service is built from a stage of the Dockerfile or runs a pinned official image', () => {
  expect(services.length).toBeGreaterThanOrEqual(5);
  for (const [name, service] of services) {
    if (service.build) expect(stages, `${name}: build target ${service.build.target}`).toContain(service.build.target);
    else expect(service.image, `${name}: image with a major version`).toMatch(/^[a-z]+:\d+$/);
  }
});

test('every variable given to a service is one its code reads', () => {
  expect(webVariables).toContain('API_URL');
  for (const [name, service] of services) {
    for (const variable of Object.keys(service.environment ?? {})) {
      expect(known[name] ?? [], `${name}: ${variable}`).toContain(variable);
    }
  }
  // And the proxy's site address is what its Caddyfile uses.
  expect(read('deploy/Caddyfile')).toContain('{$SITE_ADDRESS');
});

test('every variable an operator may set in the compose file is documented in the README', () => {
  const operatorVariables = new Set([...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+):-/g)].map((m) => m[1]!));
  const readme = read('README.md');
  for (const variable of operatorVariables) expect(readme, variable).toContain(`\`${variable}\``);
});

test('every service has a health check; the API’s probes the endpoints the app really serves', async () => {
  for (const [name, service] of services) expect(service.healthcheck?.test.length, name).toBeGreaterThan(1);
  const probe = compose.services.server!.healthcheck!.test.join(' ');
  const path = /http:\/\/127\.0\.0\.1:4000(\/\w+)/.exec(probe)?.[1];
  expect(path).toBe('/ready');
  expect((await fetch(app.url.replace(/\/graphql$/, path!))).status).toBe(200);
  expect(compose.services.server!.environment?.PORT ?? '4000').toBe('4000');
  expect(read('Dockerfile')).toMatch(/AS server[\s\S]*PORT=4000/);
});

test('the server image and `npm run start:production` run Node with the options the production tests use', () => {
  const serverStage = read('Dockerfile').split(/^FROM /m).find((stage) => /^\S+ AS server$/m.test(stage))!;
  const command = JSON.parse(serverStage.match(/^CMD (\[.*\])$/m)![1]!) as string[];
  expect(command).toEqual(['node', ...PRODUCTION_NODE_OPTIONS, 'dist/main.js']);
  const scripts = (JSON.parse(read('server/package.json')) as { scripts: Record<string, string> }).scripts;
  expect(scripts['start:production']).toBe(['node', ...PRODUCTION_NODE_OPTIONS, 'dist/main.js'].join(' '));
});
