/* eslint-disable no-console */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ROOT } from '../lib/processes';
import { BenchResult, Figure, parseResults } from '../lib/result';

/**
 * Every benchmark in turn (BENCH_ONLY, comma-separated, to choose; `journey` is left out by
 * default: it takes minutes per rate), each in its own process with this process's settings,
 * then one table: each figure, its target (from the performance issue) and its ratio to the
 * ceiling measured in the same benchmark's run.
 *   DATABASE_URL=… REDIS_URL=… npm run bench
 */
const DEFAULT_BENCHES = ['catalog', 'locks', 'bookings', 'tickets', 'feed', 'startup'];

interface Target {
  kind: 'at least' | 'under';
  value: number;
}

const atLeast = (value: number): Target => ({ kind: 'at least', value });
const under = (value: number): Target => ({ kind: 'under', value });

const TARGETS: Record<string, Target> = {
  'seats.rps': atLeast(15_000),
  'seats.p99': under(15),
  'seats-304.rps': atLeast(25_000),
  'trips.rps': atLeast(10_000),
  'trips.p99': under(20),
  'trips-filtered.rps': atLeast(10_000),
  'trips-filtered.p99': under(20),
  'locks.ops': atLeast(2_000),
  'locks.p99': under(50),
  'locks.double-holds': under(1),
  'flow.rate': atLeast(400),
  'flow.lock.p99': under(50),
  'flow.book.p99': under(50),
  'flow.confirm.p99': under(50),
  'history.p99': under(20),
  'tickets.render-1.median': under(30),
  'tickets.mail-rate': atLeast(50),
  'feed.delivery.p99': under(200),
  'feed.lost': under(1),
  'startup.external': under(3),
  'startup.embedded': under(3),
  'startup.npm-start': under(3),
};

interface Run {
  bench: string;
  exitCode: number;
  seconds: number;
  results: BenchResult[];
}

/** Runs one compiled benchmark, its output passed through, and keeps its BENCH_RESULT lines. */
function runBench(bench: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [resolve(ROOT, `dist/bench/${bench}/run.js`)], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  // The benchmark leads a process group of its own with the processes it starts: stopping the
  // aggregator stops them all, not only the benchmark (which would leave its API behind).
  const forward = (signal: NodeJS.Signals) => process.kill(-child.pid!, signal);
  process.once('SIGINT', forward).once('SIGTERM', forward);
  child.on('exit', () => process.off('SIGINT', forward).off('SIGTERM', forward));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  return new Promise((resolvePromise) =>
    child.on('exit', (code) =>
      resolvePromise({
        bench,
        exitCode: code ?? 1,
        seconds: (performance.now() - started) / 1000,
        results: parseResults(output),
      }),
    ),
  );
}

const formatNumber = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : 1 });

function formatTarget(target: Target | undefined, unit: Figure['unit']): string {
  if (!target) return '';
  if (unit === 'count') return target.kind === 'under' ? `< ${target.value}` : `≥ ${target.value}`;
  return `${target.kind === 'at least' ? '≥' : '<'} ${formatNumber(target.value)} ${unit}`;
}

function met(figure: Figure, target: Target | undefined): string {
  if (!target) return '';
  const ok =
    target.kind === 'at least' ? figure.value >= target.value : figure.value < target.value;
  return ok ? 'yes' : 'NO';
}

/** Throughputs as a share of the ceiling's; times as a multiple of the ceiling's. */
function ofCeiling(figure: Figure): string {
  if (figure.ceiling === undefined || figure.ceiling === 0) return '';
  const ratio = figure.value / figure.ceiling;
  return figure.unit === 'ms' || figure.unit === 's'
    ? `× ${formatNumber(ratio)}`
    : `${formatNumber(100 * ratio)} %`;
}

function ceilingOf(figure: Figure): string {
  return figure.ceiling === undefined ? '' : `${formatNumber(figure.ceiling)} ${figure.unit}`;
}

/** A Markdown table, columns padded, ready for bench/README.md. */
function printMarkdown(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  );
  rows.forEach((row) => console.log(line(row)));
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (and REDIS_URL)');
  const benches = process.env.BENCH_ONLY?.split(',').map((b) => b.trim()) ?? DEFAULT_BENCHES;
  const loadAtStart = loadavg().map((l) => l.toFixed(2));
  const runs: Run[] = [];
  for (const bench of benches) {
    console.log(`\n=== ${bench} ===`);
    runs.push(await runBench(bench));
  }

  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ` +
      `load average ${loadAtStart.join(' ')} at the start, ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end; ${new Date().toISOString()}\n`,
  );
  const rows = runs.flatMap((run) =>
    run.results.flatMap((result) =>
      result.figures.map((figure) => {
        const target = TARGETS[figure.id];
        return [
          `${result.bench}: ${figure.label}`,
          `${formatNumber(figure.value)}${figure.unit === 'count' ? '' : ` ${figure.unit}`}`,
          formatTarget(target, figure.unit),
          met(figure, target),
          ceilingOf(figure),
          ofCeiling(figure),
        ];
      }),
    ),
  );
  printMarkdown(['Figure', 'Measured', 'Target', 'Met?', 'Ceiling', 'Of ceiling'], rows);
  for (const run of runs) {
    const notes = run.results.flatMap((r) => r.notes ?? []);
    const status = run.exitCode === 0 ? 'ok' : `exit code ${run.exitCode}`;
    console.log(
      `${run.bench}: ${status}, ${Math.round(run.seconds)} s${notes.length ? `; ${notes.join('; ')}` : ''}`,
    );
  }
  if (runs.some((run) => run.exitCode !== 0 || run.results.length === 0)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
