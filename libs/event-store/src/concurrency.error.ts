import { DomainError } from '@app/errors';
import { ExpectedVersion } from './event';

/** The stream moved on since the caller read it. Handlers retry (bounded) or answer 409. */
export class ConcurrencyError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      'stream.version_conflict',
      `Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}; someone else changed it first. Retry.`,
    );
    this.name = 'ConcurrencyError';
  }
}

export function isConcurrencyError(error: unknown): error is ConcurrencyError {
  return error instanceof ConcurrencyError;
}
