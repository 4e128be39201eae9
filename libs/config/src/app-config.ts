import { ZodError } from 'zod';
import { configSchema, RawConfig, RefundTier, refundTiersOf } from './config.schema';

/** Development-only fallbacks. Production refuses to start without real secrets. */
const DEVELOPMENT_SECRETS = {
  AUTH_JWT_SECRET: 'dev-only-auth-secret-change-me-0123456789abcdef',
  GUEST_TOKEN_SECRET: 'dev-only-guest-secret-change-me-0123456789abcdef',
  // 32 zero-free bytes, base64: development data only.
  PII_ENCRYPTION_KEYS: 'dev:ZGV2LW9ubHktcGlpLWtleS1jaGFuZ2UtbWUtMDEyMzQ=',
  PII_BLIND_INDEX_KEY: 'dev-only-blind-index-key-change-me-0123456789',
  // An Ed25519 seed (32 bytes, base64): development tickets only.
  TICKET_SIGNING_KEY: 'ZGV2LW9ubHktdGlja2V0LXNlZWQtY2hhbmdlLW1lLTA=',
} as const;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface AppConfig extends RawConfig {
  /** Names of secrets that fell back to a development default (logged as a warning at boot). */
  readonly developmentSecrets: readonly string[];
  readonly isProduction: boolean;
  /** REFUND_TIERS, parsed and checked at boot, most generous first. */
  readonly refundTiers: readonly RefundTier[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Parses and checks the environment. Throws a ConfigError whose message is one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  let raw: RawConfig;
  try {
    raw = configSchema.parse(env);
  } catch (error) {
    if (error instanceof ZodError) throw new ConfigError(describe(error, env));
    throw error;
  }
  const isProduction = raw.NODE_ENV === 'production';
  const developmentSecrets: string[] = [];

  if (!raw.AUTH_JWT_SECRET && !raw.AUTH_JWKS_URL) {
    if (isProduction) {
      throw new ConfigError(
        'Invalid configuration: AUTH_JWT_SECRET or AUTH_JWKS_URL is required when NODE_ENV=production',
      );
    }
    raw.AUTH_JWT_SECRET = DEVELOPMENT_SECRETS.AUTH_JWT_SECRET;
    developmentSecrets.push('AUTH_JWT_SECRET');
  }
  if (!raw.GUEST_TOKEN_SECRET) {
    if (isProduction) {
      throw new ConfigError(
        'Invalid configuration: GUEST_TOKEN_SECRET is required when NODE_ENV=production',
      );
    }
    raw.GUEST_TOKEN_SECRET = DEVELOPMENT_SECRETS.GUEST_TOKEN_SECRET;
    developmentSecrets.push('GUEST_TOKEN_SECRET');
  }
  for (const name of [
    'PII_ENCRYPTION_KEYS',
    'PII_BLIND_INDEX_KEY',
    'TICKET_SIGNING_KEY',
  ] as const) {
    if (raw[name]) continue;
    if (isProduction) {
      throw new ConfigError(`Invalid configuration: ${name} is required when NODE_ENV=production`);
    }
    raw[name] = DEVELOPMENT_SECRETS[name];
    developmentSecrets.push(name);
  }
  if (
    raw.PII_ENCRYPTION_KEYS &&
    !/^([A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)*$/.test(
      raw.PII_ENCRYPTION_KEYS,
    )
  ) {
    throw new ConfigError(
      'Invalid configuration: PII_ENCRYPTION_KEYS must be keyId:base64 pairs of 32-byte keys, comma-separated (got ***)',
    );
  }
  if (isProduction && raw.CORS_ORIGINS === '*') {
    throw new ConfigError(
      'Invalid configuration: CORS_ORIGINS=* is not allowed when NODE_ENV=production; list the origins',
    );
  }
  if (isProduction && !raw.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)',
    );
  }
  return Object.freeze({
    ...raw,
    developmentSecrets,
    isProduction,
    refundTiers: refundTiersOf(raw.REFUND_TIERS),
  });
}

function describe(error: ZodError, env: NodeJS.ProcessEnv): string {
  const parts = error.issues.map((issue) => {
    const key = issue.path.join('.');
    const value = env[key];
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(mask(key, value))})`;
    return `${key} ${issue.message.replace(/^Invalid input: /, '')}${shown}`;
  });
  return `Invalid configuration: ${parts.join('; ')}`;
}

function mask(key: string, value: string): string {
  return /SECRET|KEY|PASSWORD|URL/.test(key) ? '***' : value;
}

/** The id of a worker subscription in this worker group. */
export const groupSubscriptionId = (config: Pick<AppConfig, 'WORKER_GROUP'>, name: string) =>
  config.WORKER_GROUP === 'main' ? name : `${name}@${config.WORKER_GROUP}`;

/** The BullMQ key prefix of this worker group's queues. */
export const queuePrefix = (config: Pick<AppConfig, 'WORKER_GROUP'>) =>
  config.WORKER_GROUP === 'main' ? 'bull' : `bull-${config.WORKER_GROUP}`;
