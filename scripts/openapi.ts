/* eslint-disable no-console */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@app/config';
import { buildOpenApiDocument, createApiApp } from '../apps/api/src/app.factory';

/**
 * Writes openapi/openapi.json from the code. No database is needed: the app is built but never
 * initialised (connections are opened lazily).
 */
async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const app = await createApiApp({
    config,
    databaseUrl: 'postgres://openapi@127.0.0.1:1/none',
    withWorker: false,
    logs: false,
  });
  const document = buildOpenApiDocument(app);
  const target = resolve(__dirname, '../../openapi/openapi.json');
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${target}`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
