/* eslint-disable no-console */
import { appendFileSync } from 'node:fs';

/**
 * One measured figure of a benchmark. `id` names it for `npm run bench` (which holds the
 * targets); `ceiling` is what the bare Fastify ceiling measured for the same quantity in the
 * same run, when there is one (req/s against req/s, p99 against p99, seconds against seconds).
 */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: 'req/s' | 'ops/s' | 'flows/s' | 'tickets/s' | 'visitors/s' | 'ms' | 's' | 'count';
  ceiling?: number;
}

export interface BenchResult {
  bench: string;
  figures: Figure[];
  notes?: string[];
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/**
 * Prints the figures as one machine-readable line (`BENCH_RESULT {...}`) after the human
 * output, and appends them to BENCH_RESULT_FILE when set.
 */
export function reportResult(result: BenchResult): void {
  const line = JSON.stringify(result);
  console.log(`${RESULT_PREFIX}${line}`);
  if (process.env.BENCH_RESULT_FILE) appendFileSync(process.env.BENCH_RESULT_FILE, `${line}\n`);
}

/** The BENCH_RESULT lines of a benchmark's output. */
export function parseResults(output: string): BenchResult[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(RESULT_PREFIX))
    .map((line) => JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult);
}
