import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_CATALOG, ErrorCode, ProblemExtension, STATUS_BY_KIND } from '@app/errors';
import { declaredProblems } from './problems';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** The schema of each problem member; those always present when their code is answered. */
const EXTENSIONS: Record<
  ProblemExtension,
  { schema: SchemaObject | ReferenceObject; always: boolean }
> = {
  errors: { schema: { type: 'array', items: ref('FieldViolation') }, always: true },
  conflicts: { schema: { type: 'array', items: ref('SeatConflict') }, always: true },
  priceBreakdown: { schema: ref('PriceBreakdownResponse'), always: true },
  currentStatus: { schema: ref('BookingStatus'), always: false },
  expiresAt: { schema: { type: 'string', format: 'date-time' }, always: false },
  maxExpiresAt: { schema: { type: 'string', format: 'date-time' }, always: true },
  limit: { schema: { type: 'integer' }, always: true },
  held: { schema: { type: 'integer' }, always: true },
  requested: { schema: { type: 'integer' }, always: true },
  ticket: { schema: ref('TicketDetailsResponse'), always: false },
  payment: { schema: ref('PaymentStartResponse'), always: false },
  available: {
    schema: {
      type: 'object',
      required: ['seats', 'largestTogether'],
      properties: {
        seats: {
          type: 'integer',
          description: 'Free seats matching the type, deck and accessibility asked for',
        },
        largestTogether: {
          type: 'integer',
          description: 'The most of them side by side in a row (or in a sleeper pair)',
        },
      },
    },
    always: true,
  },
  free: {
    schema: { type: 'integer', description: 'Free seats of the kind asked for' },
    always: true,
  },
  entryId: { schema: { type: 'string', format: 'uuid' }, always: true },
  departureAt: {
    schema: { type: 'string', format: 'date-time', description: 'The trip’s departure now' },
    always: true,
  },
  opensAt: { schema: { type: 'string', format: 'date-time' }, always: true },
  closesAt: { schema: { type: 'string', format: 'date-time' }, always: true },
  cause: {
    schema: { type: 'string', description: 'The parser’s own error code' },
    always: false,
  },
};

const SCHEMAS: Record<string, SchemaObject> = {
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem document, served as `application/problem+json`. Switch on `code`; ' +
      '`detail` is for people.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', example: 'urn:bus-booking:problem:seat.unavailable' },
      title: { type: 'string', example: 'Conflict' },
      status: { type: 'integer', example: 409 },
      detail: { type: 'string', example: 'Not available: A1 (locked). Nothing was locked.' },
      code: { type: 'string', example: 'seat.unavailable' },
      instance: { type: 'string', example: '/seats/lock' },
    },
  },
  FieldViolation: {
    type: 'object',
    required: ['field', 'rule', 'message'],
    properties: {
      field: { type: 'string', example: 'passengers[0].phone' },
      rule: { type: 'string', example: 'e164' },
      message: { type: 'string', example: 'not a valid phone number' },
    },
  },
  SeatConflict: {
    type: 'object',
    required: ['seatNumber', 'status'],
    properties: {
      seatNumber: { type: 'string', example: 'A1' },
      status: { type: 'string', enum: ['locked', 'booked'] },
    },
  },
};

/** What every operation can answer, from its method and the shape of the operation. */
function sharedProblems(method: string, operation: OperationObject): ErrorCode[] {
  const codes: ErrorCode[] = ['internal', 'service.unavailable', 'auth.invalid_token'];
  // A body is read before routing, whether the operation takes one or not.
  const mayCarryBody = method !== 'get' && method !== 'head';
  if (operation.parameters?.length || operation.requestBody || mayCarryBody) {
    codes.push('request.invalid', 'request.malformed', 'request.invalid_text');
  }
  if (operation.requestBody || mayCarryBody) {
    codes.push('request.too_large', 'request.unsupported_media_type');
  }
  return codes;
}

function problemSchema(codes: ErrorCode[]): SchemaObject {
  const groups = new Map<string, ErrorCode[]>();
  for (const code of codes) {
    const key = [...((ERROR_CATALOG[code] as { extensions?: ProblemExtension[] }).extensions ?? [])]
      .sort()
      .join(',');
    groups.set(key, [...(groups.get(key) ?? []), code]);
  }
  const variants = [...groups].map(([key, members]): SchemaObject => {
    const extensions = (key ? key.split(',') : []) as ProblemExtension[];
    return {
      allOf: [
        ref('Problem'),
        {
          type: 'object',
          required: ['code', ...extensions.filter((name) => EXTENSIONS[name].always)],
          properties: {
            code: { type: 'string', enum: members },
            ...Object.fromEntries(extensions.map((name) => [name, EXTENSIONS[name].schema])),
          },
        },
      ],
    };
  });
  return variants.length === 1 ? variants[0] : { oneOf: variants };
}

function problemResponse(status: number, codes: ErrorCode[]): ResponseObject {
  const response: ResponseObject = {
    description: codes.map((code) => `\`${code}\`: ${ERROR_CATALOG[code].summary}`).join('<br>'),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema(codes) } },
  };
  if (status === 429 || status === 503) {
    response.headers = {
      'Retry-After': {
        description: 'Seconds to wait before trying again',
        schema: { type: 'integer' },
      },
    };
  }
  if (status === 401) {
    response.headers = {
      'WWW-Authenticate': { description: 'Always `Bearer`', schema: { type: 'string' } },
    };
  }
  return response;
}

/** Each route's declared problem codes, by operation id (the handler's method name). */
export function declaredProblemsByOperation(app: INestApplication): Map<string, ErrorCode[]> {
  const byOperation = new Map<string, ErrorCode[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as
          object | undefined;
        if (!handler || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        byOperation.set(name, declaredProblems(controller, handler));
      }
    }
  }
  return byOperation;
}

/**
 * Replaces every operation's error responses with ones generated from the error catalog: one
 * `application/problem+json` response per status, its `code` an enum of what that status can
 * carry there, and the members each code adds.
 */
export function documentProblems(
  document: OpenAPIObject,
  declared: Map<string, ErrorCode[]>,
): void {
  document.components = document.components ?? {};
  document.components.schemas = { ...document.components.schemas, ...SCHEMAS };
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      if (!operation?.responses) continue;
      const codes = new Set([
        ...sharedProblems(method, operation),
        ...(declared.get(operation.operationId ?? '') ?? []),
      ]);
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of codes) {
        const status = STATUS_BY_KIND[ERROR_CATALOG[code].kind];
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      for (const [status, members] of [...byStatus].sort(([a], [b]) => a - b)) {
        operation.responses[String(status)] = problemResponse(status, members);
      }
    }
  }
}
