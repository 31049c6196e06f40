import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a periodic job's run came to: `skipped` when another instance leads the job. */
export type JobOutcome = 'ok' | 'failed' | 'skipped';

/**
 * The process's Prometheus metrics (served at `/metrics` to holders of METRICS_TOKEN). One registry
 * per app rather than prom-client's global one, so several apps in one process (tests) stay apart.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly graphqlRequests = new Histogram({
    name: 'razem_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation (root field) and outcome (ok or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobRuns = new Histogram({
    name: 'razem_job_run_duration_seconds',
    help: 'Background job runs by job and outcome.',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly refusedRequests = new Counter({
    name: 'razem_refused_requests_total',
    help: 'Requests refused before GraphQL ran (per-address rate limit).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag, GC; once per process is enough (main.ts), tests leave it out.
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'razem_' });
  }

  /** A gauge read when Prometheus scrapes, e.g. pool use or the outbox backlog. */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Promise<Array<[Partial<Record<L, string>>, number]>> | Array<[Partial<Record<L, string>>, number]>) {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [labels, value] of await read()) this.set(labels, value);
      },
    });
  }

  observeJob(job: string, outcome: JobOutcome, seconds: number) {
    this.jobRuns.observe({ job, outcome }, seconds);
  }

  /** Times every GraphQL request and labels it by what it asked and how it ended. */
  graphqlPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
    const histogram = this.graphqlRequests;
    return {
      async requestDidStart() {
        const stop = histogram.startTimer();
        let operation = 'invalid';
        return {
          async didResolveOperation({ operation: resolved }) {
            if (resolved) operation = operationLabel(resolved);
          },
          async willSendResponse({ response, errors }) {
            const failed = errors?.[0] ?? (response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined);
            stop({ operation, outcome: failed ? String(failed.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok' });
          },
        };
      },
    };
  }
}

/**
 * `query.organizations`: the operation's type and first root field. Operation names are the
 * client's to choose, so a hostile client could make endless label values; root fields are the
 * schema's, a fixed set.
 */
export function operationLabel(operation: OperationDefinitionNode): string {
  const first = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  return `${operation.operation}.${first?.kind === Kind.FIELD ? first.name.value : 'fragment'}`;
}
