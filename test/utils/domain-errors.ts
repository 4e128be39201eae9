import { DomainError } from '@app/errors';

/** Runs a decision that must be refused with `code`; returns the error for further checks. */
export function thenThrows(run: () => unknown, code: string): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return error as DomainError;
  }
  throw new Error(`expected ${code}`);
}
