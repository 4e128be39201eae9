import type { ErrorCode } from '@app/errors';

const PROBLEM_CODES = 'problems:codes';

/**
 * The problem codes a route (or every route of a controller) can answer with, besides those
 * every route shares (malformed input, a bad token, a fault). The OpenAPI document's error
 * responses are generated from these and the error catalog.
 */
export function Problems(...codes: ErrorCode[]) {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor ? (descriptor.value as object) : target;
    const declared = (Reflect.getMetadata(PROBLEM_CODES, holder) as ErrorCode[] | undefined) ?? [];
    Reflect.defineMetadata(PROBLEM_CODES, [...declared, ...codes], holder);
  };
}

/** The codes declared on a route's handler and on its controller. */
export function declaredProblems(controller: object, handler: object): ErrorCode[] {
  return [
    ...((Reflect.getMetadata(PROBLEM_CODES, controller) as ErrorCode[] | undefined) ?? []),
    ...((Reflect.getMetadata(PROBLEM_CODES, handler) as ErrorCode[] | undefined) ?? []),
  ];
}
