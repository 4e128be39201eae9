/* eslint-disable no-console */
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Seconds of the same load first, unmeasured: JIT compilation and cold caches are not the steady state. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);

/** Runs autocannon (after an unmeasured warm-up) and keeps the figures we report. */
export async function load(label: string, options: autocannon.Options): Promise<LoadResult> {
  if (WARMUP_SECONDS > 0)
    await autocannon({ connections: 100, ...options, duration: WARMUP_SECONDS });
  const result = await autocannon({ connections: 100, duration: 10, ...options });
  return {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function printTable(results: LoadResult[], ceiling?: LoadResult): void {
  const rows = results.map((r) => ({
    scenario: r.label,
    'req/s': r.requestsPerSecond,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'non-2xx': r.non2xx,
    errors: r.errors,
    ...(ceiling
      ? { 'of ceiling': `${Math.round((100 * r.requestsPerSecond) / ceiling.requestsPerSecond)} %` }
      : {}),
  }));
  console.table(rows);
}
