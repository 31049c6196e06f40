import pg from 'pg';

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

/**
 * Runs a task every `intervalMs` until stopped, one run at a time (the next waits for the previous).
 * With `leadership`, only the instance leading the job runs it, so a deployment of several instances
 * sends each reminder and message once. Errors are logged and the loop goes on: these are background
 * chores (sending mail, deadlines, clocks).
 */
export function runPeriodically(name: string, task: () => Promise<unknown>, intervalMs: number, leadership?: JobLeadership) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      if (!leadership || (await leadership.leads(name))) await task();
    })()
      .catch((error) => console.error(`[${name}]`, error instanceof Error ? error.message : error))
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
