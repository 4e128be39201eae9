/* eslint-disable no-console */
import { writeOperatorSecretFiles, writeSecretFiles } from '@app/config';

/**
 * Writes a random value for each of the service's secrets to `<folder>/<NAME>` (read-only for
 * its owner), and for the operator tools' (the /metrics token, Grafana's admin password),
 * keeping those already there; point NAME_FILE at them. docker/compose.yml runs it
 * once per stack, so a demo stack never runs on a published secret:
 *   node dist/scripts/generate-secrets.js /var/lib/vexe/secrets
 */
const folder = process.argv[2];
if (!folder) {
  console.error('usage: node dist/scripts/generate-secrets.js <folder>');
  process.exit(2);
}
const written = [...writeSecretFiles(folder), ...writeOperatorSecretFiles(folder)];
console.log(
  written.length > 0
    ? `generated ${written.join(', ')} in ${folder}`
    : `every secret is already in ${folder}`,
);
