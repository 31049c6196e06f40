/**
 * One timed load on one contender, with autocannon (npm, so a fresh clone has it). Latencies are
 * kept per response here rather than read from autocannon's whole-millisecond histogram, so the
 * fast contenders' percentiles are not rounded away. Every response body is checked: a GraphQL
 * error inside a 200 counts as an error like a non-2xx does.
 */
import autocannon from 'autocannon';

export interface RequestSpec {
  /** POST unless said otherwise. */
  method?: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadPlan {
  port: number;
  /** Request `i` of the run (each may differ: another resident, another slot). */
  request(i: number): RequestSpec;
  /** Why a 2xx response is wrong, or null when it is fine. */
  check?(body: string): string | null;
  /** Pages, not GraphQL: their bodies are not searched for GraphQL errors. */
  html?: boolean;
  /** Counts responses whose body matches (e.g. confirmed bookings). */
  countMatching?: string;
}

export interface LoadOptions {
  connections: number;
  /** Seconds; or `amount` requests, whichever is given. */
  durationSeconds?: number;
  amount?: number;
  /** Seconds before a request counts as timed out. */
  timeoutSeconds?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** A few error descriptions, for the report when something failed. */
  errorSamples: string[];
  matching: number;
  /** Every response's time in milliseconds, in arrival order. */
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A GraphQL error in the body ("errors" is a top-level key only then; the seeded texts never contain it). */
export const graphqlErrors = (body: string) => (body.includes('"errors":') ? body.slice(0, 300) : null);

export async function runLoad(plan: LoadPlan, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let matching = 0;
  let next = 0;
  const fail = (reason: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(reason);
  };
  const started = process.hrtime.bigint();
  let finished!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon({
    url: `http://127.0.0.1:${plan.port}`,
    connections: options.connections,
    duration: options.durationSeconds ?? 3600,
    amount: options.amount,
    timeout: options.timeoutSeconds ?? 30,
    method: 'POST',
    requests: [{
      setupRequest: (request) => {
        const spec = plan.request(next++);
        // A copy: autocannon adds Content-Length to the headers object it is given.
        return { ...request, method: spec.method ?? 'POST', path: spec.path, headers: { ...spec.headers }, body: spec.body || undefined };
      },
      onResponse: (status, body) => {
        if (status < 200 || status >= 300) return fail(`HTTP ${status}: ${body.slice(0, 300)}`);
        const problem = (plan.html ? null : graphqlErrors(body)) ?? plan.check?.(body) ?? null;
        if (problem) return fail(problem);
        if (plan.countMatching && body.includes(plan.countMatching)) matching += 1;
      },
    }],
  }, (error, result) => (error ? failed(error) : finished(result)));
  // autocannon notices that `amount` is reached on its once-a-second tick: the time of the last
  // answer, not of its callback, is when everything was answered.
  let lastAnswer = started;
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    lastAnswer = process.hrtime.bigint();
  });
  // Counted from the result below (connection errors and timeouts); here only described.
  instance.on('reqError', (error) => errorSamples.length < 5 && errorSamples.push(`request error: ${(error as Error).message}`));
  const result = await done;
  const seconds = Number(lastAnswer - started) / 1e9;
  const sorted = [...latencies].sort((a, b) => a - b);
  // Connection errors (timeouts included) are errors too, though they have no response body.
  errors += result.errors;
  const measuredSeconds = options.amount ? seconds : result.duration;
  return {
    requests: latencies.length,
    seconds: measuredSeconds,
    requestsPerSecond: latencies.length / measuredSeconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    errors,
    errorSamples,
    matching,
    latencies,
  };
}
