import type { FieldViolation, PriceBreakdown, Problem, SeatConflict } from './types';

/** What the API's problem documents (RFC 9457) may carry beyond the common members. */
export interface ProblemDetails extends Problem {
  errors?: FieldViolation[];
  conflicts?: SeatConflict[];
  priceBreakdown?: PriceBreakdown;
}

/** A problem answer (4xx/5xx, application/problem+json), or the API out of reach (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldViolation[];
  readonly conflicts: SeatConflict[];
  readonly priceBreakdown: PriceBreakdown | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem?: ProblemDetails, retryAfter?: string | null) {
    super(problem?.detail || (status === 0 ? 'The service cannot be reached.' : `Error ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'network' : 'unknown');
    this.errors = problem?.errors ?? [];
    this.conflicts = problem?.conflicts ?? [];
    this.priceBreakdown = problem?.priceBreakdown;
    const seconds = retryAfter ? Number(retryAfter) : NaN;
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : undefined;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** openapi-fetch's answer: data on success, the operation's problem document on failure. */
interface Answer {
  data?: unknown;
  error?: ProblemDetails | string;
  response: Response;
}

/** A problem document when `error` is one (a 4xx/5xx body may be empty or not JSON). */
const problemOf = (error: ProblemDetails | string | undefined): ProblemDetails | undefined =>
  typeof error === 'object' && typeof error.code === 'string' ? error : undefined;

/** The answer's data, or an ApiError carrying its problem document. */
export async function unwrap<A extends Answer>(call: Promise<A>): Promise<NonNullable<A['data']>> {
  let answer: A;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0);
  }
  const { data, error, response } = answer;
  if (error !== undefined || !response.ok || data === undefined || data === null) {
    throw new ApiError(response.status, problemOf(error), response.headers.get('retry-after'));
  }
  return data;
}

/** `passengers[0].phone` → `passengers.0.phone` (react-hook-form's field paths). */
export const formPath = (field: string): string => field.replace(/\[(\d+)\]/g, '.$1');
