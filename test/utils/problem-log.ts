import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnsweredProblem } from '../../apps/api/src/app.factory';

/** Set by the global setup: where test servers write down every problem they answer. */
export const PROBLEM_LOG_DIR = 'PROBLEM_LOG_DIR';

export function recordProblem(problem: AnsweredProblem): void {
  const dir = process.env[PROBLEM_LOG_DIR];
  if (dir && existsSync(dir)) {
    appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(problem)}\n`);
  }
}

export function readProblemLog(dir: string): AnsweredProblem[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as AnsweredProblem);
}

interface Schema {
  $ref?: string;
  enum?: string[];
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, ResponseDoc> }>>;
}
interface ResponseDoc {
  content?: Record<string, { schema?: Schema }>;
}

function codesOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  return [
    ...(schema.properties?.code?.enum ?? []),
    ...(schema.allOf ?? []).flatMap(codesOf),
    ...(schema.oneOf ?? []).flatMap(codesOf),
  ];
}

/**
 * Every problem a server answered that the OpenAPI document does not list for that operation
 * and status, as readable lines. Answers outside any route (404 route.not_found) have no
 * operation to list them.
 */
export function undocumentedProblems(document: Document, answered: AnsweredProblem[]): string[] {
  const missing = new Set<string>();
  for (const { method, route, status, code } of answered) {
    // A route answering "no such route" (/metrics when not exposed) is outside the contract.
    if (route === 'unmatched' || code === 'route.not_found') continue;
    const path = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = document.paths[path]?.[method.toLowerCase()];
    const response = operation?.responses[String(status)];
    const schema = response?.content?.['application/problem+json']?.schema;
    if (!operation) missing.add(`${method} ${path}: no such operation in openapi.json`);
    else if (!response) missing.add(`${method} ${path} ${status} ${code}: status not documented`);
    else if (!codesOf(schema).includes(code))
      missing.add(`${method} ${path} ${status}: code ${code} not documented`);
  }
  return [...missing].sort();
}
