import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  ASYNCAPI_DOCUMENT_URL,
  findAsyncApiFile,
  registerAsyncApiDocument,
  servedAsyncApiDocument,
} from './asyncapi.route';

const ROOT = resolve(__dirname, '../../../..');
const FILE = resolve(ROOT, 'openapi/asyncapi.yaml');

describe('GET /docs/asyncapi.yaml', () => {
  it('finds the document from the sources and from dist/', () => {
    expect(findAsyncApiFile()).toBe(FILE);
    expect(findAsyncApiFile(resolve(ROOT, 'dist/apps/api/src/http'))).toBe(FILE);
    expect(() => findAsyncApiFile(tmpdir())).toThrow(/openapi\/asyncapi\.yaml not found/);
  });

  it('serves the seat feed contract as YAML, its OpenAPI references pointing at /docs-json', async () => {
    const app = Fastify();
    registerAsyncApiDocument(app);
    const response = await app.inject({ method: 'GET', url: ASYNCAPI_DOCUMENT_URL });
    await app.close();

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/yaml\b/);
    const file = readFileSync(FILE, 'utf8');
    expect(response.body).toBe(servedAsyncApiDocument(file));
    expect(response.body).not.toContain('./openapi.json');
    const served = parse(response.body);
    expect(served.asyncapi).toBe('3.0.0');
    expect(served.components.schemas.SeatSnapshot.properties.seats.items).toEqual({
      $ref: '/docs-json#/components/schemas/SeatResponse',
    });
    // Nothing but the references differs from the committed file.
    expect(JSON.stringify(served).replaceAll('/docs-json#', './openapi.json#')).toBe(
      JSON.stringify(parse(file)),
    );
  });
});
