import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ZodError } from 'zod';
import { deepFreeze } from '@app/collections';
import { configSchema, RawConfig, RefundTier, refundTiersOf } from './config.schema';
import {
  localSecrets,
  RETIRED_DEVELOPMENT_PII_KEY,
  SECRET_NAMES,
  secretProblems,
  type SecretName,
  type Secrets,
} from './secrets';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The HTTP server: the REST API, the seat feed, docs and metrics. */
export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  /** Which peers may set X-Forwarded-For: true, false, a hop count or addresses/CIDRs. */
  readonly trustProxy: boolean | number | string;
  /** Browser origins allowed by CORS; undefined: localhost in development, none in production. */
  readonly corsOrigins: '*' | readonly string[] | undefined;
  /** Serve Swagger UI, the OpenAPI and the AsyncAPI documents under /docs. */
  readonly docsEnabled: boolean;
  /** Bearer token for /metrics; undefined: open outside production, not served in production. */
  readonly metricsToken: string | undefined;
  /** How long an Idempotency-Key's answer is kept and replayed. */
  readonly idempotencyKeyTtlHours: number;
  /** Where travellers reach the web client (PUBLIC_URL, else this server's own address). */
  readonly publicUrl: string;
}

export interface DatabaseConfig {
  /** undefined: an embedded Postgres under dataDir (development only). */
  readonly url: string | undefined;
  readonly poolSize: number;
  /** Port of the embedded Postgres. */
  readonly embeddedPort: number;
  /** Seed the demo catalogue at start; undefined: only into the embedded database. */
  readonly seedDemo: boolean | undefined;
}

export interface RedisConfig {
  /** undefined: degraded mode (in-process timers, no cross-instance feed). */
  readonly url: string | undefined;
}

/** Platform users' tokens. */
export interface AuthConfig {
  /** HS256 secret of platform tokens (a development default outside production). */
  readonly jwtSecret: string | undefined;
  readonly jwksUrl: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  /** User tokens must expire, and no later than this from now. */
  readonly maxTokenLifetimeSeconds: number;
}

/** Guest sessions, guest access to a booking and its one-time codes. */
export interface GuestsConfig {
  /** Signs guest session and booking access tokens. */
  readonly tokenSecret: string;
  readonly sessionTtlSeconds: number;
  /** Guest sessions a client address may start per hour. */
  readonly sessionsPerHour: number;
  /** How long a booking access token from POST /bookings/guest/verify lasts. */
  readonly accessTokenTtlSeconds: number;
  /** Access tokens given per booking in lookupWindowSeconds. */
  readonly accessGrantsPerWindow: number;
  /** Failed contact lookups allowed per window before refusing. */
  readonly lookupMaxFailures: number;
  readonly lookupWindowSeconds: number;
  /** Verification first e-mails a one-time code to the booking's contact. */
  readonly otpRequired: boolean;
  readonly otpTtlSeconds: number;
  readonly otpMaxAttempts: number;
}

export interface CatalogConfig {
  /** ISO 4217 code of every price. */
  readonly currency: string;
  /** IANA time zone of the operator: local dates, departure days. */
  readonly timeZone: string;
  /** Seats per booking of a trip scheduled without its own limit. */
  readonly maxSeatsPerBooking: number;
}

export interface SeatHoldsConfig {
  /** A hold lapses this long after it was taken or last extended. */
  readonly ttlSeconds: number;
  /** No extension keeps a hold beyond this from when it was taken. */
  readonly maxLifetimeSeconds: number;
  /** Share of a trip's seats guests may hold at once, all guest sessions together. */
  readonly guestSharePercent: number;
  /** Seats of one trip guests from one client address may hold at once, across sessions. */
  readonly guestSeatsPerAddress: number;
  /** How long seats offered to a waiting party are held for it. */
  readonly waitlistOfferSeconds: number;
  /** Places on a trip's waiting list guests from one client address may take, across sessions. */
  readonly guestWaitlistPerAddress: number;
}

export interface SeatFeedConfig {
  readonly maxTripsPerConnection: number;
  /** Open connections per client address (TRUST_PROXY decides what the address is). */
  readonly maxConnectionsPerAddress: number;
}

export interface BookingConfig {
  /** A pending booking expires unpaid after this. */
  readonly paymentWindowSeconds: number;
  /** A paid booking's seats can be changed until this many hours before departure. */
  readonly seatChangeCutoffHours: number;
  /**
   * A trip delayed by more than `afterMinutes` (from its scheduled departure) lets the passengers
   * booked then cancel with a full refund for `forHours` after the notice.
   */
  readonly delayFreeCancellation: { readonly afterMinutes: number; readonly forHours: number };
  readonly referencePrefix: string;
  readonly referenceRandomLength: number;
  readonly childDiscountPercent: number;
  readonly seniorDiscountPercent: number;
  readonly vatPercent: number;
  /** REFUND_TIERS, parsed and checked at boot, most generous first. */
  readonly refundTiers: readonly RefundTier[];
  /** Country calling code given to national phone numbers (leading 0). */
  readonly defaultPhoneCountryCode: string;
  /** Bookings a client may create per minute. */
  readonly rateLimitPerMinute: number;
}

/** When drivers may board passengers, around departure. */
export interface BoardingConfig {
  readonly windowMinutesBefore: number;
  readonly windowMinutesAfter: number;
}

/** Encryption of personal data at rest. */
export interface PrivacyConfig {
  /** `keyId:base64(32 bytes)` pairs, the first encrypts; the others still decrypt (rotation). */
  readonly encryptionKeys: string;
  /** HMAC key of the blind indexes (lookups of encrypted values). */
  readonly blindIndexKey: string;
}

export interface TicketsConfig {
  /** Ed25519 key signing the tickets' QR payloads: PEM, or a base64 32-byte seed. */
  readonly signingKey: string;
  readonly emailAttempts: number;
  /**
   * Ticket e-mails one worker delivers at once: two for each render thread and for the main
   * thread, so that each has one in hand while another waits on SMTP or the database.
   */
  readonly emailConcurrency: number;
  /**
   * Worker threads rendering PDFs per process (started as PDFs are asked for): a CPU each but
   * one, left to the main thread, whose share of a ticket mail (database, queue, SMTP) is about
   * as large as rendering its PDF.
   */
  readonly pdfRenderThreads: number;
  /** First retry delay of a ticket e-mail (exponential backoff). */
  readonly emailBackoffMs: number;
  /** A mail owed this long (its job lost with Redis or a worker) is queued again … */
  readonly mailSweepAfterSeconds: number;
  /** … when its booking was confirmed at most this long ago. */
  readonly mailSweepWindowHours: number;
  /** Ticket e-mails asked for again per booking per hour. */
  readonly resendsPerHour: number;
}

export interface MailConfig {
  /** undefined: e-mails are written as .eml files to dataDir/outbox. */
  readonly smtpUrl: string | undefined;
  readonly from: string;
}

/** What tickets and e-mails show of the operator. */
export interface BrandConfig {
  readonly name: string;
  /** #rrggbb */
  readonly color: string;
  /** A PNG or JPEG printed at the top of each ticket. */
  readonly logoFile: string | undefined;
  readonly contact: string;
  readonly terms: string;
}

/** OpenTelemetry traces (started before the configuration is loaded: see tracingSettings). */
export interface TracingConfig {
  /** OTLP/HTTP endpoint; undefined: tracing is off. */
  readonly endpoint: string | undefined;
  /** undefined: the process's own default (bus-booking, bus-booking-worker). */
  readonly serviceName: string | undefined;
}

/** Event subscriptions, job queues and sweepers. */
export interface WorkerConfig {
  /** Workers of one group share subscriptions and queues; another group sees every event again. */
  readonly group: string;
  readonly sweepIntervalSeconds: number;
  /** Event subscriptions (the worker's and the seat feed's) poll this often … */
  readonly subscriptionPollMs: number;
  /** … reading at most this many events at a time. */
  readonly subscriptionBatchSize: number;
}

/** Webhooks to other systems (admin-registered endpoints). */
export interface WebhooksConfig {
  readonly timeoutMs: number;
  readonly retryBaseSeconds: number;
  readonly retryWindowSeconds: number;
  readonly pollMs: number;
  readonly maxEndpoints: number;
  /** URLs resolving to loopback/private/link-local addresses are allowed (never by default in production). */
  readonly allowPrivateUrls: boolean;
}

/** How bookings get paid. */
export interface PaymentsConfig {
  /** `demo`: the traveller's confirm is the payment; `webhook`: the provider's signed callback. */
  readonly provider: 'demo' | 'webhook';
  /** Key of the provider's webhook signatures. */
  readonly webhookSecret: string;
  /** The provider's checkout URL template ({bookingId}, {reference}, {amount}, {currency}). */
  readonly checkoutUrl?: string;
}

/** The configuration, parsed and checked at boot (config.schema.ts names the variables). */
export interface AppConfig {
  readonly nodeEnv: RawConfig['NODE_ENV'];
  readonly isProduction: boolean;
  /** Secrets not configured, generated for (and kept in) dataDir: development and tests only. */
  readonly developmentSecrets: readonly string[];
  readonly logLevel: RawConfig['LOG_LEVEL'];
  readonly tracing: TracingConfig;
  /** Files of this process: the embedded Postgres, the mail outbox. */
  readonly dataDir: string;
  readonly http: HttpConfig;
  readonly database: DatabaseConfig;
  readonly redis: RedisConfig;
  readonly auth: AuthConfig;
  readonly guests: GuestsConfig;
  readonly catalog: CatalogConfig;
  readonly seatHolds: SeatHoldsConfig;
  readonly seatFeed: SeatFeedConfig;
  readonly booking: BookingConfig;
  readonly boarding: BoardingConfig;
  readonly privacy: PrivacyConfig;
  readonly tickets: TicketsConfig;
  readonly mail: MailConfig;
  readonly brand: BrandConfig;
  readonly payments: PaymentsConfig;
  readonly worker: WorkerConfig;
  readonly webhooks: WebhooksConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The tracing settings alone, read before anything else is loaded (instrumentation must patch
 * http, pg and ioredis before they are required); undefined when tracing is off or its settings
 * are invalid, which loadConfig then reports.
 */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingConfig | undefined {
  const parsed = configSchema
    .pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true, OTEL_SERVICE_NAME: true })
    .safeParse(env);
  if (!parsed.success || !parsed.data.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return {
    endpoint: parsed.data.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: parsed.data.OTEL_SERVICE_NAME,
  };
}

/** Parses and checks the environment. Throws a ConfigError whose message is one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  let raw: RawConfig;
  try {
    raw = configSchema.parse(withSecretFiles(env));
  } catch (error) {
    if (error instanceof ZodError) throw new ConfigError(describe(error, env));
    throw error;
  }
  const isProduction = raw.NODE_ENV === 'production';
  const developmentSecrets: string[] = [];

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
  // AUTH_JWKS_URL stands in for AUTH_JWT_SECRET.
  const unset = (name: SecretName) =>
    !raw[name] && !(name === 'AUTH_JWT_SECRET' && raw.AUTH_JWKS_URL);
  if (isProduction) {
    const missing = SECRET_NAMES.filter(unset).map((name) =>
      name === 'AUTH_JWT_SECRET' ? 'AUTH_JWT_SECRET or AUTH_JWKS_URL' : name,
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration: ${missing.join(', ')} required when NODE_ENV=production (or NAME_FILE naming a file that holds it)`,
      );
    }
    const problems = secretProblems(raw);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  } else {
    // Never a value from the source: this data directory's own random secrets.
    let local: Secrets | undefined;
    for (const name of SECRET_NAMES.filter(unset)) {
      local ??= localSecrets(raw.DATA_DIR);
      raw[name] = local[name];
      developmentSecrets.push(name);
    }
    // Development databases hold data sealed with the key the source once carried: it still
    // opens it, last in the list, so it never seals anything new (and production refuses it).
    if (!raw.PII_ENCRYPTION_KEYS!.split(',').some((pair) => pair.startsWith('dev:'))) {
      raw.PII_ENCRYPTION_KEYS = `${raw.PII_ENCRYPTION_KEYS},${RETIRED_DEVELOPMENT_PII_KEY}`;
    }
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
  // Every secret but AUTH_JWT_SECRET (AUTH_JWKS_URL may stand in for it) is now set.
  return deepFreeze(groupsOf(raw as CheckedConfig, developmentSecrets));
}

type CheckedConfig = RawConfig & {
  [
    K in
      | 'GUEST_TOKEN_SECRET'
      | 'PII_ENCRYPTION_KEYS'
      | 'PII_BLIND_INDEX_KEY'
      | 'TICKET_SIGNING_KEY'
      | 'PAYMENT_WEBHOOK_SECRET'
  ]: string;
};

/** The checked environment (development secrets filled in) as the groups the code reads. */
function groupsOf(raw: CheckedConfig, developmentSecrets: readonly string[]): AppConfig {
  const pdfRenderThreads = raw.PDF_RENDER_THREADS ?? Math.max(1, availableParallelism() - 1);
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === 'production',
    developmentSecrets,
    logLevel: raw.LOG_LEVEL,
    tracing: { endpoint: raw.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: raw.OTEL_SERVICE_NAME },
    dataDir: raw.DATA_DIR,
    http: {
      port: raw.PORT,
      host: raw.HOST,
      trustProxy: raw.TRUST_PROXY,
      corsOrigins: raw.CORS_ORIGINS,
      docsEnabled: raw.DOCS_ENABLED,
      metricsToken: raw.METRICS_TOKEN,
      idempotencyKeyTtlHours: raw.IDEMPOTENCY_KEY_TTL_HOURS,
      publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    },
    database: {
      url: raw.DATABASE_URL,
      poolSize: raw.DATABASE_POOL_SIZE,
      embeddedPort: raw.EMBEDDED_PG_PORT,
      seedDemo: raw.SEED_DEMO,
    },
    redis: { url: raw.REDIS_URL },
    auth: {
      jwtSecret: raw.AUTH_JWT_SECRET,
      jwksUrl: raw.AUTH_JWKS_URL,
      issuer: raw.AUTH_ISSUER,
      audience: raw.AUTH_AUDIENCE,
      maxTokenLifetimeSeconds: raw.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    },
    guests: {
      tokenSecret: raw.GUEST_TOKEN_SECRET,
      sessionTtlSeconds: raw.GUEST_SESSION_TTL_SECONDS,
      sessionsPerHour: raw.GUEST_SESSIONS_PER_HOUR,
      accessTokenTtlSeconds: raw.GUEST_ACCESS_TOKEN_TTL_SECONDS,
      accessGrantsPerWindow: raw.GUEST_ACCESS_GRANTS_PER_WINDOW,
      lookupMaxFailures: raw.GUEST_LOOKUP_MAX_FAILURES,
      lookupWindowSeconds: raw.GUEST_LOOKUP_WINDOW_SECONDS,
      otpRequired: raw.GUEST_OTP_REQUIRED,
      otpTtlSeconds: raw.GUEST_OTP_TTL_SECONDS,
      otpMaxAttempts: raw.GUEST_OTP_MAX_ATTEMPTS,
    },
    catalog: {
      currency: raw.CURRENCY,
      timeZone: raw.CATALOG_TIMEZONE,
      maxSeatsPerBooking: raw.MAX_SEATS_PER_BOOKING,
    },
    seatHolds: {
      ttlSeconds: raw.SEAT_LOCK_TTL_SECONDS,
      maxLifetimeSeconds: raw.SEAT_LOCK_MAX_LIFETIME_SECONDS,
      guestSharePercent: raw.GUEST_HOLD_SHARE_PERCENT,
      guestSeatsPerAddress: raw.GUEST_SEATS_PER_ADDRESS_PER_TRIP,
      waitlistOfferSeconds: raw.WAITLIST_OFFER_SECONDS,
      guestWaitlistPerAddress: raw.GUEST_WAITLIST_PER_ADDRESS_PER_TRIP,
    },
    seatFeed: {
      maxTripsPerConnection: raw.SEAT_FEED_MAX_TRIPS_PER_CONNECTION,
      maxConnectionsPerAddress: raw.SEAT_FEED_MAX_CONNECTIONS_PER_ADDRESS,
    },
    booking: {
      paymentWindowSeconds: raw.BOOKING_PAYMENT_WINDOW_SECONDS,
      seatChangeCutoffHours: raw.SEAT_CHANGE_CUTOFF_HOURS,
      delayFreeCancellation: {
        afterMinutes: raw.DELAY_FREE_CANCELLATION_MINUTES,
        forHours: raw.DELAY_FREE_CANCELLATION_HOURS,
      },
      referencePrefix: raw.BOOKING_REFERENCE_PREFIX,
      referenceRandomLength: raw.BOOKING_REFERENCE_RANDOM_LENGTH,
      childDiscountPercent: raw.DISCOUNT_CHILD_PERCENT,
      seniorDiscountPercent: raw.DISCOUNT_SENIOR_PERCENT,
      vatPercent: raw.VAT_PERCENT,
      refundTiers: refundTiersOf(raw.REFUND_TIERS),
      defaultPhoneCountryCode: raw.DEFAULT_PHONE_COUNTRY_CODE,
      rateLimitPerMinute: raw.BOOKING_RATE_LIMIT_PER_MINUTE,
    },
    boarding: {
      windowMinutesBefore: raw.BOARDING_WINDOW_MINUTES_BEFORE,
      windowMinutesAfter: raw.BOARDING_WINDOW_MINUTES_AFTER,
    },
    privacy: {
      encryptionKeys: raw.PII_ENCRYPTION_KEYS,
      blindIndexKey: raw.PII_BLIND_INDEX_KEY,
    },
    tickets: {
      signingKey: raw.TICKET_SIGNING_KEY,
      emailAttempts: raw.TICKET_EMAIL_ATTEMPTS,
      emailConcurrency: raw.TICKET_EMAIL_CONCURRENCY ?? 2 * (pdfRenderThreads + 1),
      pdfRenderThreads,
      emailBackoffMs: raw.TICKET_EMAIL_BACKOFF_MS,
      mailSweepAfterSeconds: raw.TICKET_MAIL_SWEEP_AFTER_SECONDS,
      mailSweepWindowHours: raw.TICKET_MAIL_SWEEP_WINDOW_HOURS,
      resendsPerHour: raw.TICKET_RESENDS_PER_HOUR,
    },
    mail: { smtpUrl: raw.SMTP_URL, from: raw.MAIL_FROM },
    brand: {
      name: raw.BRAND_NAME,
      color: raw.BRAND_COLOR,
      logoFile: raw.BRAND_LOGO_FILE,
      contact: raw.BRAND_CONTACT,
      terms: raw.BRAND_TERMS,
    },
    payments: {
      provider: raw.PAYMENT_PROVIDER ?? (raw.NODE_ENV === 'production' ? 'webhook' : 'demo'),
      webhookSecret: raw.PAYMENT_WEBHOOK_SECRET,
      checkoutUrl: raw.PAYMENT_CHECKOUT_URL,
    },
    webhooks: {
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
      retryBaseSeconds: raw.WEBHOOK_RETRY_BASE_SECONDS,
      retryWindowSeconds: raw.WEBHOOK_RETRY_WINDOW_SECONDS,
      pollMs: raw.WEBHOOK_POLL_MS,
      maxEndpoints: raw.WEBHOOK_MAX_ENDPOINTS,
      allowPrivateUrls: raw.WEBHOOK_ALLOW_PRIVATE_URLS ?? raw.NODE_ENV !== 'production',
    },
    worker: {
      group: raw.WORKER_GROUP,
      sweepIntervalSeconds: raw.SWEEP_INTERVAL_SECONDS,
      subscriptionPollMs: raw.EVENT_SUBSCRIPTION_POLL_MS,
      subscriptionBatchSize: raw.EVENT_SUBSCRIPTION_BATCH_SIZE,
    },
  };
}

/**
 * `NAME_FILE` stands in for an unset `NAME` (Docker and Kubernetes secrets are files): the
 * file's content, trimmed, is the value.
 */
function withSecretFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const resolved = { ...env };
  for (const name of [...SECRET_NAMES, 'METRICS_TOKEN']) {
    const file = env[`${name}_FILE`]?.trim();
    if (!file || env[name]?.trim()) continue;
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(
        `Invalid configuration: ${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  return resolved;
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
export const groupSubscriptionId = (config: Pick<AppConfig, 'worker'>, name: string) =>
  config.worker.group === 'main' ? name : `${name}@${config.worker.group}`;

/** The BullMQ key prefix of this worker group's queues. */
export const queuePrefix = (config: Pick<AppConfig, 'worker'>) =>
  config.worker.group === 'main' ? 'bull' : `bull-${config.worker.group}`;
