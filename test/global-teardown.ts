import type { TestInfrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__TEST_INFRA__ as
    TestInfrastructure | undefined;
  if (infra && !process.env.TEST_INFRA_KEEP) {
    // Teardown runs per project; the last one stops what setup started.
    await infra.stop();
  }
}
