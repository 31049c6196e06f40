import pg from 'pg';
import type { Logger } from './logger.js';
import type { JobOutcome, Metrics } from './metrics.js';

/**
 * Which background jobs this server instance leads. Each job is led by exactly one instance of a
 * deployment: the one holding PostgreSQL's session advisory lock named after the job, on a
 * connection kept for that purpose. When that instance stops (or its connection drops), the lock is
 * released and another instance takes the job over at its next tick.
 */
export class JobLeadership {
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  readonly #held = new Set<string>();

  constructor(private readonly databaseUrl: string) {}

  /** True when this instance leads `job` (taking the lead if nobody has it). */
  async leads(job: string): Promise<boolean> {
    if (this.#held.has(job)) return true;
    const client = await this.#connection();
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [`job:${job}`]);
    if (rows[0]?.locked) this.#held.add(job);
    return this.#held.has(job);
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#held.clear();
    await client?.end().catch(() => {});
  }

  #connection(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      // A lost connection loses its locks: lead nothing until the lock is taken again.
      const lost = () => {
        if (this.#client === client) this.#client = null;
        this.#held.clear();
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
        this.#client = client;
        return client;
      } finally {
        this.#connecting = null;
      }
    })();
    return this.#connecting;
  }
}

/** Told how each run went: logs a failure once, with its stack, and feeds the metrics. */
export type JobReport = (job: string, outcome: JobOutcome, seconds: number, error?: unknown) => void;

export interface JobOptions {
  leadership?: JobLeadership;
  report?: JobReport;
}

export function jobReport(logger: Logger, metrics?: Metrics): JobReport {
  return (job, outcome, seconds, error) => {
    metrics?.observeJob(job, outcome, seconds);
    if (outcome === 'failed') logger.error({ err: error, job }, 'background job failed');
  };
}

/**
 * Runs a task every `intervalMs` until stopped, one run at a time (the next waits for the previous).
 * With `leadership`, only the instance leading the job runs it, so a deployment of several instances
 * sends each reminder and message once. A failure is reported and the loop goes on: these are
 * background chores (sending mail, deadlines, clocks).
 */
export function runPeriodically(name: string, task: () => Promise<unknown>, intervalMs: number, options: JobOptions = {}) {
  const { leadership, report } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    running = (async () => {
      if (leadership && !(await leadership.leads(name))) return report?.(name, 'skipped', seconds());
      await task();
      report?.(name, 'ok', seconds());
    })()
      .catch((error: unknown) => report?.(name, 'failed', seconds(), error))
      .finally(() => {
        if (timer !== undefined) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
