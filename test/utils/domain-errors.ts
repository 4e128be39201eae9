import { DomainError } from '@app/errors';

/** What a refusal must be: its code, some of its fields, or a check of its own. */
export type ExpectedError =
  | string
  | Partial<Pick<DomainError, 'code' | 'kind' | 'message' | 'extensions'>>
  | ((error: DomainError) => void);

/** Asserts that `error` is a DomainError as `expected` says; returns it for further checks. */
export function expectDomainError(error: unknown, expected: ExpectedError): DomainError {
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  if (typeof expected === 'string') expect(domainError.code).toBe(expected);
  else if (typeof expected === 'function') expected(domainError);
  else expect(domainError).toMatchObject(expected);
  return domainError;
}

/** Runs a decision that must be refused as `expected` says; returns the error for further checks. */
export function thenThrows(run: () => unknown, expected: ExpectedError): DomainError {
  try {
    run();
  } catch (error) {
    return expectDomainError(error, expected);
  }
  throw new Error(`expected a domain error (${describe(expected)}), but the decision succeeded`);
}

const describe = (expected: ExpectedError) =>
  typeof expected === 'string'
    ? expected
    : typeof expected === 'function'
      ? 'checked by a function'
      : JSON.stringify(expected);
