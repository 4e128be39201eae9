import type { TestInfrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__TEST_INFRA__ as
    TestInfrastructure | undefined;
  if (infra && !process.env.TEST_INFRA_KEEP) {
    // Runs once per project, after every test of the run: the first call stops what the setup
    // started and removes the run's temporary folder (the embedded Postgres's data, the test
    // servers' DATA_DIRs); later calls do nothing.
    await infra.stop();
  }
}
