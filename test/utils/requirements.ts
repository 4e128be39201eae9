import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Something a test needs that a bare machine (Node only: no REDIS_URL, no Docker, no extra
 * tools) lacks. Tests that need it are reported as skipped, with the reason printed, instead
 * of failing; where it is there (CI) they run unchanged.
 */
export interface Requirement {
  /** What is missing, as printed: "skipped: needs …". */
  readonly needs: string;
  met(): boolean;
}

function requirement(needs: string, check: () => boolean): Requirement {
  let met: boolean | undefined;
  return { needs, met: () => (met ??= check()) };
}

function onPath(...commands: string[]): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return commands.every((command) =>
    dirs.some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

/** The shared test Redis: REDIS_URL, as set by CI or by the global setup (testcontainers). */
export const REDIS = requirement('REDIS_URL (Redis)', () => Boolean(process.env.REDIS_URL));

/** A redis-server of the test's own, to kill and restart (test/utils/redis-server.ts). */
export const REDIS_SERVER = requirement(
  'redis-server and redis-cli on PATH (apt-get install redis-server)',
  () => onPath('redis-server', 'redis-cli'),
);

/** What test/utils/pdf.ts and the PDF renderer's spec run to read PDFs and their QR codes. */
export const PDF_TOOLS = requirement(
  'pdfinfo, pdftotext, pdftoppm, pdfimages and zbarimg on PATH (apt-get install poppler-utils zbar-tools)',
  () => onPath('pdfinfo', 'pdftotext', 'pdftoppm', 'pdfimages', 'zbarimg'),
);

/** What the README's walk-through runs (test/readme-walkthrough.e2e-spec.ts). */
export const SHELL_TOOLS = requirement('bash, curl and jq on PATH (apt-get install curl jq)', () =>
  onPath('bash', 'curl', 'jq'),
);

const reported = new Set<string>();
let insideSkipped = 0;

/**
 * The title of a skipped test or describe, with the reason. The reason is also printed, once
 * per test file and block, straight to stderr: Jest shows no console output for a test file
 * whose tests are all skipped.
 */
function skipped(needs: Requirement, title: string): string {
  const reason = `skipped: needs ${needs.needs}`;
  const line = `[test] ${reason}: ${title}`;
  if (!insideSkipped && !reported.has(line)) {
    reported.add(line);
    process.stderr.write(`${line}\n`);
  }
  return `${title} (${reason})`;
}

/**
 * `describe`, or `describe.skip` with the reason in its title and printed once when `needs` is
 * not met. Jest still runs the body of a skipped describe to list its tests, so keep side
 * effects (servers, folders, connections) in its hooks.
 */
export function describeWith(needs: Requirement, title: string, body: () => void): void {
  if (needs.met()) return describe(title, body);
  const skippedTitle = skipped(needs, title);
  insideSkipped++; // Jest runs the body now, to list the tests; they need no line of their own
  try {
    describe.skip(skippedTitle, body);
  } finally {
    insideSkipped--;
  }
}

/** `it`, or `it.skip` with the reason in its title and printed once when `needs` is not met. */
export function itWith(
  needs: Requirement,
  title: string,
  fn: jest.ProvidesCallback,
  timeout?: number,
): void {
  if (needs.met()) it(title, fn, timeout);
  else it.skip(skipped(needs, title), fn, timeout);
}

export const describeWithRedis = (title: string, body: () => void) =>
  describeWith(REDIS, title, body);
export const describeWithRedisServer = (title: string, body: () => void) =>
  describeWith(REDIS_SERVER, title, body);
export const describeWithPdfTools = (title: string, body: () => void) =>
  describeWith(PDF_TOOLS, title, body);
export const itWithPdfTools = (title: string, fn: jest.ProvidesCallback, timeout?: number) =>
  itWith(PDF_TOOLS, title, fn, timeout);
