// @ts-check
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Writes each test file's start and end to JEST_PROGRESS_FILE (when set), at once and
 * synchronously: a file that never ends — a test spinning the event loop, which no Jest timeout
 * can stop — is named there after the run is killed (.ci/run prints it).
 */
export default class ProgressReporter {
  /** @param {{ rootDir: string }} globalConfig */
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
    this.file = process.env.JEST_PROGRESS_FILE;
  }

  /** @param {string} what @param {string} path */
  write(what, path) {
    if (!this.file) return;
    appendFileSync(this.file, `${new Date().toISOString()} ${what} ${relative(this.root, path)}\n`);
  }

  /** @param {{ path: string }} test */
  onTestFileStart(test) {
    this.write('start', test.path);
  }

  /** @param {{ path: string }} test */
  onTestFileResult(test) {
    this.write('end', test.path);
  }
}
