import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError, ErrorCode, FieldViolation, STATUS_BY_KIND } from '@app/errors';
import { isConnectionLoss } from '@app/event-store';

/** RFC 9457 problem document. `code` is the stable machine-readable reason clients switch on. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldViolation[];
  [extension: string]: unknown;
}

export interface Problem {
  body: ProblemDocument;
  headers: Record<string, string>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Thrown by the validation pipe and param pipes: 400 with one entry per offending field. */
export class RequestValidationError extends DomainError {
  constructor(errors: FieldViolation[]) {
    super(
      'request.invalid',
      `The request is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      { extensions: { errors } },
    );
  }
}

/** An earlier error answer given again (a repeated Idempotency-Key). */
export class ReplayedProblem extends Error {
  constructor(readonly body: ProblemDocument) {
    super(body.detail);
    this.name = 'ReplayedProblem';
  }
}

export function problemType(code: string): string {
  return `urn:bus-booking:problem:${code}`;
}

function document(
  status: number,
  code: ErrorCode,
  detail: string,
  instance?: string,
): ProblemDocument {
  return {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(instance ? { instance } : {}),
  };
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'request.malformed',
  404: 'route.not_found',
  405: 'route.method_not_allowed',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
};

/** Maps anything thrown while serving a request to a problem document. */
export function toProblem(error: unknown, instance?: string): Problem {
  if (error instanceof ReplayedProblem) return { body: error.body, headers: {} };
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined)
      headers['retry-after'] = String(error.retryAfterSeconds);
    if (error.kind === 'unauthorized') headers['www-authenticate'] = 'Bearer';
    return {
      body: { ...document(status, error.code, error.message, instance), ...error.extensions },
      headers,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_CODES[status] ?? (status >= 500 ? 'internal' : 'request.malformed');
    const detail =
      status === 404
        ? `No route matches ${instance ?? 'this path'}.`
        : messageOf(error.getResponse(), error.message);
    return { body: document(status, code, detail, instance), headers: {} };
  }
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    // Errors raised by Fastify before a handler runs: malformed JSON, wrong content type, body too large.
    const fastifyCode = (error as { code?: string }).code;
    const code = HTTP_CODES[fastifyStatus] ?? 'request.malformed';
    const detail = (error as Error).message || STATUS_CODES[fastifyStatus] || 'Bad request';
    return {
      body: {
        ...document(fastifyStatus, code, detail, instance),
        ...(fastifyCode ? { cause: fastifyCode } : {}),
      },
      headers: {},
    };
  }
  // Postgres refuses text it cannot store (a NUL character, invalid UTF-8): the input's fault.
  const sqlState = (error as { code?: string; severity?: string })?.code;
  if ((sqlState === '22021' || sqlState === '22P05') && (error as { severity?: string }).severity) {
    return {
      body: document(
        400,
        'request.invalid_text',
        'The request contains a character that cannot be stored (such as a NUL); remove it and retry.',
        instance,
      ),
      headers: {},
    };
  }
  if (isConnectionLoss(error)) {
    return {
      body: document(
        503,
        'service.unavailable',
        'The connection to the database was lost while serving this request; retry shortly.',
        instance,
      ),
      headers: { 'retry-after': '1' },
    };
  }
  return {
    body: document(
      500,
      'internal',
      'Something went wrong on our side. It has been logged.',
      instance,
    ),
    headers: {},
  };
}

function messageOf(response: string | object, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : fallback;
}
