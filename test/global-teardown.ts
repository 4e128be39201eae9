/* eslint-disable no-console */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestInfrastructure } from './infrastructure';
import { PROBLEM_LOG_DIR, readProblemLog, undocumentedProblems } from './utils/problem-log';

/**
 * Every problem code a test server answered must be documented for that operation and status
 * in openapi/openapi.json: a code thrown by a handler and missing from the contract fails the run.
 */
function checkAnsweredProblems(): void {
  const dir = process.env[PROBLEM_LOG_DIR];
  if (!dir) return;
  const answered = readProblemLog(dir);
  if (answered.length === 0) return;
  const document = JSON.parse(readFileSync(join(__dirname, '../openapi/openapi.json'), 'utf8'));
  const missing = undocumentedProblems(document, answered);
  console.log(
    `\n[test] ${answered.length} problem answers checked against openapi/openapi.json: ` +
      `${missing.length} undocumented`,
  );
  if (missing.length > 0) {
    throw new Error(
      `Problems answered but not in openapi/openapi.json:\n  ${missing.join('\n  ')}`,
    );
  }
}

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__TEST_INFRA__ as
    TestInfrastructure | undefined;
  try {
    checkAnsweredProblems();
  } finally {
    delete process.env[PROBLEM_LOG_DIR]; // checked once, by the first project's teardown
    if (infra && !process.env.TEST_INFRA_KEEP) {
      // Runs once per project, after every test of the run: the first call stops what the setup
      // started and removes the run's temporary folder (the embedded Postgres's data, the test
      // servers' DATA_DIRs); later calls do nothing.
      await infra.stop();
    }
  }
}
