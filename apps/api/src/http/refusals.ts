import type { FastifyRequest } from 'fastify';
import type { ProblemDocument } from './problem-details';

/** A field path as our DTOs name them; anything else (a property the caller made up) is not shown. */
const FIELD_PATH = /^[A-Za-z0-9_.[\]]{1,80}$/;
const fieldName = (field: string) => (FIELD_PATH.test(field) ? field : '(unknown property)');

/**
 * One line per refused request (a 4xx problem answer), with the request id: what was refused and
 * why, by code and field names only. Never the detail, the body or the query: they may carry
 * what the caller typed (names, phone numbers, e-mails).
 */
export function logRefusal(request: FastifyRequest, problem: ProblemDocument): void {
  request.log.info(
    {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: problem.status,
      code: problem.code,
      ...(problem.errors ? { fields: problem.errors.map((e) => fieldName(e.field)) } : {}),
    },
    'request refused',
  );
}
