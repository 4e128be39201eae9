import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The service's secrets: each protects something else, so no two may share a value. */
export const SECRET_NAMES = [
  'AUTH_JWT_SECRET',
  'GUEST_TOKEN_SECRET',
  'PII_ENCRYPTION_KEYS',
  'PII_BLIND_INDEX_KEY',
  'TICKET_SIGNING_KEY',
  'PAYMENT_WEBHOOK_SECRET',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

/** Fresh random secrets in the formats the service reads (32 random bytes each). */
export function generateSecrets(): Secrets {
  const random = () => randomBytes(32).toString('base64');
  return {
    AUTH_JWT_SECRET: random(),
    GUEST_TOKEN_SECRET: random(),
    PII_ENCRYPTION_KEYS: `local:${random()}`,
    PII_BLIND_INDEX_KEY: random(),
    TICKET_SIGNING_KEY: random(),
    PAYMENT_WEBHOOK_SECRET: random(),
  };
}

const LOCAL_SECRETS_FILE = 'secrets.json';

/**
 * This data directory's own secrets, made on first use and kept (mode 0600) so that tokens,
 * sealed data and ticket codes survive a restart. Several processes starting at once agree:
 * the first to create the file wins and the others read it.
 */
export function localSecrets(dataDir: string): Secrets {
  const file = join(dataDir, LOCAL_SECRETS_FILE);
  const stored = (): Partial<Secrets> | undefined => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
    } catch {
      return undefined;
    }
  };
  const complete = (secrets: Partial<Secrets> | undefined): secrets is Secrets =>
    secrets !== undefined && SECRET_NAMES.every((name) => typeof secrets[name] === 'string');
  const existing = stored();
  if (complete(existing)) return existing;
  mkdirSync(dataDir, { recursive: true });
  const text = (secrets: Secrets) => `${JSON.stringify(secrets, null, 2)}\n`;
  if (existing) {
    // Made by a version with fewer secrets: keep those, add the new ones.
    const upgraded = { ...generateSecrets(), ...existing };
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text(upgraded), { mode: 0o600 });
    renameSync(temporary, file);
    const now = stored();
    return complete(now) ? now : upgraded;
  }
  const fresh = generateSecrets();
  try {
    writeFileSync(file, text(fresh), { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process wrote it between our read and our write: theirs it is.
    for (let attempt = 0; attempt < 50; attempt++) {
      const theirs = stored();
      if (complete(theirs)) return theirs;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    throw new Error(`${file} exists but holds no secrets: remove it to have new ones made`);
  }
}

/** Writes each secret to `dir/NAME` (0400 unless `mode`), keeping any already there. */
export function writeSecretFiles(dir: string, mode = 0o400): SecretName[] {
  mkdirSync(dir, { recursive: true });
  const fresh = generateSecrets();
  const written: SecretName[] = [];
  for (const name of SECRET_NAMES) {
    try {
      writeFileSync(join(dir, name), fresh[name], { flag: 'wx', mode });
      written.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return written;
}

/**
 * Secrets of the tools around the service, not of the service itself: the bearer token the
 * scraper sends to /metrics (METRICS_TOKEN) and the Grafana admin's password. Readable by every
 * user of the folder (0444): Prometheus and Grafana run as users of their own, and only the
 * containers that mount the folder see them.
 */
export const OPERATOR_SECRET_NAMES = ['METRICS_TOKEN', 'GRAFANA_ADMIN_PASSWORD'] as const;

/** Writes each operator secret to `dir/NAME`, keeping any already there; returns those written. */
export function writeOperatorSecretFiles(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const name of OPERATOR_SECRET_NAMES) {
    try {
      writeFileSync(join(dir, name), randomBytes(32).toString('base64url'), {
        flag: 'wx',
        mode: 0o444,
      });
      written.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return written;
}

/**
 * The PII key the source carried for development until 2026-12: public, so it protects nothing,
 * but development databases hold data sealed with it. Outside production it is kept to open
 * that data, never to seal; production refuses it.
 */
export const RETIRED_DEVELOPMENT_PII_KEY = 'dev:ZGV2LW9ubHktcGlpLWtleS1jaGFuZ2UtbWUtMDEyMzQ=';

/**
 * Values published in this repository or its history (development defaults, the old compose
 * demo values), and the marks such values carry: never accepted in production.
 */
const PUBLISHED_SECRETS = new Set([
  'dev-only-auth-secret-change-me-0123456789abcdef',
  'dev-only-guest-secret-change-me-0123456789abcdef',
  RETIRED_DEVELOPMENT_PII_KEY,
  'dev-only-blind-index-key-change-me-0123456789',
  'ZGV2LW9ubHktdGlja2V0LXNlZWQtY2hhbmdlLW1lLTA=',
  'compose-demo-only-auth-jwt-secret-not-for-production',
  'compose-demo-only-guest-token-secret-not-for-production',
  'compose-demo:composeDemoOnlyPiiKeyNotForProduction000000=',
  'compose-demo-only-blind-index-key-not-for-production',
  'compose-demo-only-ticket-seed-not-for-prod0=',
]);
const PUBLISHED_MARK = /change-?me|not-?for-?prod|demo-?only|dev-?only/i;

/** The key material of a secret, whatever its format (PII keys are `keyId:base64` pairs). */
function materialOf(name: SecretName, value: string): string[] {
  if (name !== 'PII_ENCRYPTION_KEYS') return [value];
  return value.split(',').map((pair) => pair.slice(pair.indexOf(':') + 1));
}

/**
 * Why production must not run with these secrets, one line each: a published value, one too
 * short to resist guessing, or one value serving two purposes (a guest token signed with the
 * users' secret would pass as a user's).
 */
export function secretProblems(secrets: Partial<Secrets>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, SecretName>();
  for (const name of SECRET_NAMES) {
    const value = secrets[name];
    if (value === undefined) continue;
    if (PUBLISHED_SECRETS.has(value) || PUBLISHED_MARK.test(value)) {
      problems.push(`${name} is a value published in the source or its docs; generate a new one`);
      continue;
    }
    for (const material of materialOf(name, value)) {
      const isPem = material.includes('-----BEGIN');
      if (!isPem && material.length < 32) {
        problems.push(`${name} must be at least 32 characters (32 random bytes, base64)`);
      }
      const other = seen.get(material);
      if (other && other !== name) {
        problems.push(`${name} must not be the same value as ${other}: one secret, one purpose`);
      }
      seen.set(material, name);
    }
  }
  return problems;
}
