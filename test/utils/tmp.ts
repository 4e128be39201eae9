import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new folder for one test's files: inside this run's folder (TEST_TMP_ROOT, made by the
 * global setup and removed by the global teardown) when there is one, else in the system's
 * temporary folder. Remove it with `removeTempDir` when done.
 */
export function testTempDir(name: string): string {
  const root = process.env.TEST_TMP_ROOT;
  return root && existsSync(root)
    ? mkdtempSync(join(root, `${name}-`))
    : mkdtempSync(join(tmpdir(), `bus-booking-test-${name}-`));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
