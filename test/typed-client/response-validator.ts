import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks HTTP answers against an OpenAPI 3.0 document: the operation (path template + method),
 * the status (or `default`), the content type and the body (JSON Schema via Ajv, plus
 * properties the schema does not mention). Every disagreement is one readable line, e.g.
 * `POST /seats/lock 409: content-type application/problem+json not documented (documented:
 * application/json)` or `GET /trips/{tripId}/seats 200 body: /seats/0/price must be integer`.
 */

type SchemaObject = { [keyword: string]: unknown };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface CheckedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  mismatches: string[];
}

/** What openapi-fetch hands a middleware's onResponse (a structural subset of its type). */
export interface ObservedResponse {
  request: Request;
  response: Response;
  schemaPath: string;
}

const DOCUMENT_ID = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** OpenAPI-only keywords that mean nothing to a JSON Schema validator. */
const OPENAPI_ONLY = ['discriminator', 'xml', 'externalDocs', 'example', 'deprecated'];

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const mapValues = (map: unknown, f: (value: unknown) => unknown): unknown =>
  isObject(map) ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, f(v)])) : map;

/** A `#/components/…` reference as Ajv finds it once the components are registered. */
const globalRef = (ref: string) => (ref.startsWith('#/') ? `${DOCUMENT_ID}${ref}` : ref);

/**
 * An OpenAPI 3.0 schema object as the JSON Schema (draft-07) Ajv validates: `nullable` becomes
 * a `null` type, boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, the keywords
 * beside a `$ref` are ignored (as 3.0 says), and `#/components/…` references point into the
 * registered document.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const ref = { $ref: globalRef(schema.$ref) };
    return schema.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  const out: SchemaObject = { ...schema };
  for (const keyword of OPENAPI_ONLY) delete out[keyword];
  for (const keyword of ['items', 'not', 'additionalProperties']) {
    if (isObject(out[keyword])) out[keyword] = toJsonSchema(out[keyword]);
  }
  if (Array.isArray(out.items)) out.items = out.items.map(toJsonSchema);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = out[keyword];
    if (Array.isArray(list)) out[keyword] = list.map(toJsonSchema);
  }
  for (const keyword of ['properties', 'patternProperties']) {
    if (isObject(out[keyword])) out[keyword] = mapValues(out[keyword], toJsonSchema);
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) return out;
  if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
  const types = Array.isArray(out.type) ? out.type : [out.type];
  out.type = types.includes('null') ? types : [...types, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | null): string | null {
  const media = contentType?.split(';')[0].trim().toLowerCase();
  return media ? media : null;
}

const isJsonMedia = (media: string) => media === 'application/json' || media.endsWith('+json');

function describeError(error: ErrorObject): string {
  const at = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${at} ${error.message} (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${at} must NOT have property ${String(params.additionalProperty)}`;
  }
  return `${at} ${error.message ?? error.keyword}`;
}

export class ResponseValidator {
  readonly checked: CheckedResponse[] = [];
  private readonly ajv: Ajv;
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema({
      $id: DOCUMENT_ID,
      components: { schemas: mapValues(document.components?.schemas ?? {}, toJsonSchema) },
    });
  }

  /** Every mismatch found so far, one line each. */
  get mismatches(): string[] {
    return this.checked.flatMap((c) => c.mismatches);
  }

  /** An openapi-fetch middleware (`client.use(…)`) that checks every answer it sees. */
  middleware(): { onResponse(observed: ObservedResponse): Promise<undefined> } {
    return {
      onResponse: async ({ request, response, schemaPath }) => {
        await this.check(request.method, schemaPath, response);
        return undefined;
      },
    };
  }

  /** Documented operations no checked answer came from (`GET /trips/{tripId}`). */
  operationsNotExercised(): string[] {
    const seen = new Set(this.checked.map((c) => `${c.method} ${c.path}`));
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => isObject(item[m]))
        .map((m) => `${m.toUpperCase()} ${path}`)
        .filter((operation) => !seen.has(operation)),
    );
  }

  /** Checks one answer; the response itself is not consumed (a clone is read). */
  async check(method: string, path: string, response: Response): Promise<CheckedResponse> {
    const contentType = response.headers.get('content-type');
    const checked: CheckedResponse = {
      method: method.toUpperCase(),
      path,
      status: response.status,
      contentType,
      mismatches: [],
    };
    this.checked.push(checked);
    const label = `${checked.method} ${path} ${response.status}`;
    try {
      const body = Buffer.from(await response.clone().arrayBuffer());
      for (const problem of this.problems(checked, body)) {
        checked.mismatches.push(`${label}${problem.startsWith('body:') ? ' ' : ': '}${problem}`);
      }
    } catch (error) {
      checked.mismatches.push(`${label}: could not be checked (${(error as Error).message})`);
    }
    return checked;
  }

  private problems(checked: CheckedResponse, body: Buffer): string[] {
    const item = this.document.paths[checked.path];
    if (!isObject(item)) return [`path ${checked.path} not documented`];
    const operation = item[checked.method.toLowerCase()];
    if (!isObject(operation)) return [`method ${checked.method} not documented for this path`];
    const responses = isObject(operation.responses) ? operation.responses : {};
    const status = String(checked.status);
    const key = [status, `${status[0]}XX`, `${status[0]}xx`, 'default'].find((k) =>
      isObject(responses[k]),
    );
    if (!key) {
      return [`status not documented (documented: ${Object.keys(responses).join(', ') || 'none'})`];
    }
    const documented = responses[key];
    const content = isObject(documented) && isObject(documented.content) ? documented.content : {};
    const mediaTypes = Object.keys(content);
    const media = mediaTypeOf(checked.contentType);
    if (mediaTypes.length === 0) {
      return body.length === 0
        ? []
        : [
            `body (${media ?? 'no content-type'}, ${body.length} bytes) not documented (documented: no content)`,
          ];
    }
    if (!media) {
      return [
        `no content-type${body.length ? '' : ' and no body'} (documented: ${mediaTypes.join(', ')})`,
      ];
    }
    const documentedMedia =
      mediaTypes.find((m) => m.toLowerCase() === media) ??
      mediaTypes.find((m) => m.toLowerCase() === `${media.split('/')[0]}/*`) ??
      mediaTypes.find((m) => m === '*/*');
    if (!documentedMedia) {
      return [`content-type ${media} not documented (documented: ${mediaTypes.join(', ')})`];
    }
    const mediaObject = content[documentedMedia];
    const schema = isObject(mediaObject) ? mediaObject.schema : undefined;
    if (schema === undefined) return [];
    if (!isJsonMedia(media)) {
      // PDFs, HTML: a string (or binary) schema says only that there is a body.
      return body.length === 0 ? ['body empty'] : [];
    }
    let data: unknown;
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return [`body is not JSON (${body.length} bytes)`];
    }
    const found = this.errorsOf(schema, data);
    const undocumented: string[] = [];
    this.undocumentedProperties(data, schema, '', undocumented);
    return [
      ...new Set([
        ...found.map((line) => `body: ${line}`),
        ...undocumented.map((pointer) => `body: ${pointer} not documented`),
      ]),
    ];
  }

  /**
   * Ajv's errors, one line each; when `data` matches none of a oneOf/anyOf's alternatives, only
   * those of the nearest alternative, not of all of them.
   */
  private errorsOf(schema: unknown, data: unknown): string[] {
    const validate = this.validator(schema);
    if (validate(data)) return [];
    const all = (validate.errors ?? []).map(describeError);
    const resolved = this.resolve(schema);
    const alternatives = resolved.oneOf ?? resolved.anyOf;
    if (!Array.isArray(alternatives) || isObject(resolved.properties) || resolved.allOf) {
      return all;
    }
    const perAlternative = alternatives.map((a) => this.errorsOf(a, data));
    if (perAlternative.some((errors) => errors.length === 0)) return all;
    // Nearest: fewest errors at the top (a wrong `kind`, a missing field), then fewest in all.
    const shallow = (errors: string[]) =>
      errors.filter((line) => line.split(' ')[0].split('/').filter(Boolean).length <= 1).length;
    const nearest = perAlternative.reduce((a, b) =>
      shallow(b) < shallow(a) || (shallow(b) === shallow(a) && b.length < a.length) ? b : a,
    );
    return [
      ...nearest,
      ...all.filter((line) => / must match .* schema in (oneOf|anyOf)$/.test(line)),
    ];
  }

  private validator(schema: unknown): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      const jsonSchema = toJsonSchema(schema);
      validate = this.ajv.compile(isObject(jsonSchema) ? jsonSchema : {});
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  private resolve(schema: unknown, depth = 0): SchemaObject {
    if (!isObject(schema)) return {};
    if (typeof schema.$ref !== 'string' || depth > 20) return schema;
    const match = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref);
    const name = match ? decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~') : '';
    return this.resolve(this.document.components?.schemas?.[name], depth + 1);
  }

  /**
   * The schemas that describe `data` at this point: the schema itself, its allOf parts, and
   * those of its oneOf/anyOf alternatives that `data` matches (all of them when none does).
   */
  private describing(data: unknown, schema: unknown): SchemaObject[] {
    const resolved = this.resolve(schema);
    const parts = [resolved];
    if (Array.isArray(resolved.allOf)) {
      for (const part of resolved.allOf) parts.push(...this.describing(data, part));
    }
    for (const keyword of ['oneOf', 'anyOf']) {
      const alternatives = resolved[keyword];
      if (!Array.isArray(alternatives)) continue;
      const matching = alternatives.filter((a) => this.validator(a)(data));
      for (const a of matching.length ? matching : alternatives) {
        parts.push(...this.describing(data, a));
      }
    }
    return parts;
  }

  /** JSON pointers of object properties that no schema describing them mentions. */
  private undocumentedProperties(data: unknown, schema: unknown, at: string, out: string[]): void {
    const parts = this.describing(data, schema);
    if (Array.isArray(data)) {
      const items = parts.map((p) => p.items).filter(isObject);
      if (items.length) {
        data.forEach((element, i) =>
          items.forEach((s) => this.undocumentedProperties(element, s, `${at}/${i}`, out)),
        );
      }
      return;
    }
    if (!isObject(data)) return;
    // Free-form objects (additionalProperties, or no properties at all) document any key.
    const open = parts.some(
      (p) => p.additionalProperties === true || isObject(p.additionalProperties),
    );
    const withProperties = parts.filter((p) => isObject(p.properties));
    if (withProperties.length === 0) return;
    for (const [key, value] of Object.entries(data)) {
      const declared = withProperties
        .map((p) => (p.properties as SchemaObject)[key])
        .filter((s) => s !== undefined);
      const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (declared.length === 0) {
        if (!open) out.push(pointer);
        continue;
      }
      for (const s of declared) this.undocumentedProperties(value, s, pointer, out);
    }
  }
}

/**
 * Schemas that give a typed client nothing to work with: objects without properties (typed
 * `Record<string, never>`) and media types without a schema (typed `unknown`).
 */
export function opaqueSchemas(document: OpenApiDocument): string[] {
  const found: string[] = [];
  const visit = (schema: unknown, where: string): void => {
    if (!isObject(schema) || typeof schema.$ref === 'string') return;
    const composed = ['allOf', 'anyOf', 'oneOf'].some((k) => Array.isArray(schema[k]));
    if (
      schema.type === 'object' &&
      !composed &&
      !isObject(schema.properties) &&
      schema.additionalProperties === undefined
    ) {
      found.push(`${where}: an object without properties (typed Record<string, never>)`);
    }
    if (isObject(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        visit(property, `${where}.${name}`);
      }
    }
    if (isObject(schema.items)) visit(schema.items, `${where}[]`);
    if (isObject(schema.additionalProperties)) visit(schema.additionalProperties, `${where}{}`);
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = schema[k];
      if (Array.isArray(list)) list.forEach((s, i) => visit(s, `${where}.${k}[${i}]`));
    }
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    visit(schema, name);
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const label = `${method.toUpperCase()} ${path}`;
      const bodies: [string, unknown][] = [];
      if (isObject(operation.requestBody) && isObject(operation.requestBody.content)) {
        bodies.push(['request', operation.requestBody.content]);
      }
      if (isObject(operation.responses)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (isObject(response) && isObject(response.content)) {
            bodies.push([status, response.content]);
          }
        }
      }
      for (const [what, content] of bodies) {
        for (const [media, mediaObject] of Object.entries(content as SchemaObject)) {
          const where = `${label} ${what} ${media}`;
          if (!isObject(mediaObject) || mediaObject.schema === undefined) {
            found.push(`${where}: no schema (typed unknown)`);
          } else visit(mediaObject.schema, where);
        }
      }
    }
  }
  return found;
}
