import { z } from 'zod';

const integer = (min: number, max: number) => {
  const error = `must be an integer from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const percent = z.coerce
  .number({ error: 'must be a number from 0 to 100' })
  .min(0, { error: 'must be a number from 0 to 100' })
  .max(100, { error: 'must be a number from 0 to 100' });
const secret = optionalString.refine((v) => v === undefined || v.length >= 32, {
  message: 'must be at least 32 characters long',
});

export interface RefundTier {
  hoursBefore: number;
  percent: number;
}

/** `24:90,2:50` → at least 24 h before departure 90 %, at least 2 h 50 %: most generous first. */
export function refundTiersOf(setting: string): RefundTier[] {
  return setting
    .split(',')
    .map((tier) => tier.split(':').map(Number))
    .map(([hoursBefore, percent]) => ({ hoursBefore, percent }))
    .sort((a, b) => b.hoursBefore - a.hoursBefore);
}

/** Every environment variable the service reads. README.md documents each one. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where travellers reach the web client: links in e-mails start with it. */
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'must be an http:// or https:// URL',
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * OpenTelemetry collector (OTLP/HTTP) that receives traces, e.g. http://otel-collector:4318;
   * unset: no tracing, and the OpenTelemetry SDK is not even loaded. The SDK reads the other
   * standard OTEL_* variables (headers, sampler, batch delays) itself.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.refine(
    (v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v),
    { message: 'must be an http:// or https:// URL' },
  ),
  /** The traces' service.name; default bus-booking (the API) or bus-booking-worker. */
  OTEL_SERVICE_NAME: optionalString,

  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// URL',
  }),
  DATABASE_POOL_SIZE: integer(1, 200).default(10),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'must be a redis:// or rediss:// URL',
  }),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: integer(1, 65535).default(54329),
  SEED_DEMO: booleanFlag.optional(),

  AUTH_JWT_SECRET: secret,
  AUTH_JWKS_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: 'must be an http(s) URL',
  }),
  AUTH_ISSUER: optionalString,
  AUTH_AUDIENCE: optionalString,
  /** User tokens must expire (`exp`), and no later than this from now. */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: integer(60, 30 * 24 * 3600).default(24 * 3600),
  GUEST_TOKEN_SECRET: secret,
  GUEST_SESSION_TTL_SECONDS: integer(60, 30 * 24 * 3600).default(24 * 3600),

  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as VND')
    .default('VND'),
  CATALOG_TIMEZONE: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' })
    .default('Asia/Ho_Chi_Minh'),
  MAX_SEATS_PER_BOOKING: integer(1, 50).default(5),
  SEAT_LOCK_TTL_SECONDS: integer(1, 24 * 3600).default(900),
  SEAT_LOCK_MAX_LIFETIME_SECONDS: integer(1, 7 * 24 * 3600).default(2700),
  /** Share of a trip's seats guests may hold at once, all guest sessions together. */
  GUEST_HOLD_SHARE_PERCENT: percent.default(50),
  /** Seats of one trip guests from one client address may hold at once, all sessions together. */
  GUEST_SEATS_PER_ADDRESS_PER_TRIP: integer(1, 1000).default(10),
  /** Guest sessions a client address may start per hour. */
  GUEST_SESSIONS_PER_HOUR: integer(1, 100_000).default(30),
  /** How long seats offered to a party on a trip's waiting list are held for it. */
  WAITLIST_OFFER_SECONDS: integer(1, 24 * 3600).default(900),
  /** Places on one trip's waiting list that guests from one client address may take, all sessions together. */
  GUEST_WAITLIST_PER_ADDRESS_PER_TRIP: integer(1, 1000).default(2),
  SWEEP_INTERVAL_SECONDS: integer(1, 3600).default(30),
  SEAT_FEED_MAX_TRIPS_PER_CONNECTION: integer(1, 1000).default(10),
  /** Open seat-feed connections per client address (generous: many share an address). */
  SEAT_FEED_MAX_CONNECTIONS_PER_ADDRESS: integer(1, 100_000).default(100),

  BOOKING_PAYMENT_WINDOW_SECONDS: integer(1, 24 * 3600).default(900),
  SEAT_CHANGE_CUTOFF_HOURS: integer(0, 24 * 30).default(2),
  /** A delay longer than this (from the scheduled departure) lets passengers cancel free of charge. */
  DELAY_FREE_CANCELLATION_MINUTES: integer(0, 24 * 60 * 7).default(60),
  /** For this long after the delay's notice. */
  DELAY_FREE_CANCELLATION_HOURS: integer(0, 24 * 30).default(24),
  BOOKING_REFERENCE_PREFIX: z
    .string()
    .regex(/^[A-Z2-9]{0,8}$/, 'must be up to 8 capital letters or digits 2-9')
    .default('BUS'),
  BOOKING_REFERENCE_RANDOM_LENGTH: integer(6, 16).default(10),
  DISCOUNT_CHILD_PERCENT: percent.default(25),
  DISCOUNT_SENIOR_PERCENT: percent.default(15),
  VAT_PERCENT: percent.default(10),
  /** `24:90,2:50`: at least 24 h before departure 90 %, at least 2 h 50 %, later nothing. */
  REFUND_TIERS: z
    .string()
    .regex(/^\d+(\.\d+)?:\d+(\.\d+)?(,\d+(\.\d+)?:\d+(\.\d+)?)*$/, {
      message: 'must be hoursBefore:percent pairs such as 24:90,2:50',
    })
    .default('24:90,2:50')
    .refine((v) => refundTiersOf(v).every((t) => t.percent <= 100), {
      message: 'percents must be at most 100',
    })
    .refine(
      (v) => new Set(refundTiersOf(v).map((t) => t.hoursBefore)).size === v.split(',').length,
      {
        message: 'each hoursBefore may appear once',
      },
    )
    .refine(
      (v) => refundTiersOf(v).every((t, i, all) => i === 0 || t.percent <= all[i - 1].percent),
      {
        message: 'refunds may not grow closer to departure',
      },
    ),
  DEFAULT_PHONE_COUNTRY_CODE: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, 'must be a country calling code such as 84')
    .default('84'),
  BOOKING_RATE_LIMIT_PER_MINUTE: integer(1, 10_000).default(10),
  /**
   * Which peers may set X-Forwarded-For (the client address behind rate limits and logs):
   * true, false, a hop count, or addresses/CIDRs/'loopback'/'uniquelocal', comma-separated.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]{1,500}$/, 'must be true, false, a hop count or a list of addresses')
    .default('loopback')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /**
   * Origins whose pages may call the API and the seat feed from a browser: `scheme://host[:port]`
   * comma-separated, or `*` (not in production). Unset: any localhost origin in development,
   * same-origin only in production.
   */
  CORS_ORIGINS: optionalString
    .refine(
      (v) =>
        v === undefined ||
        v === '*' ||
        v.split(',').every((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o.trim())),
      { message: 'must be * or origins such as https://app.example.com, comma-separated' },
    )
    .transform((v): '*' | string[] | undefined =>
      v === undefined || v === '*' ? v : v.split(',').map((o) => o.trim().toLowerCase()),
    ),
  /** Drivers may board passengers from this long before departure … */
  BOARDING_WINDOW_MINUTES_BEFORE: integer(0, 7 * 24 * 60).default(60),
  /** … until this long after it. */
  BOARDING_WINDOW_MINUTES_AFTER: integer(0, 24 * 60).default(30),
  /**
   * Bearer token Prometheus sends to read /metrics. Unset: /metrics is open outside production
   * and not served in production.
   */
  METRICS_TOKEN: secret,
  /** Serve Swagger UI, the OpenAPI and the AsyncAPI documents under /docs. */
  DOCS_ENABLED: booleanFlag.default(true),
  /** How long an Idempotency-Key's answer is kept and replayed; then the key is free again. */
  IDEMPOTENCY_KEY_TTL_HOURS: integer(1, 30 * 24).default(24),
  GUEST_LOOKUP_MAX_FAILURES: integer(1, 1000).default(5),
  GUEST_LOOKUP_WINDOW_SECONDS: integer(1, 24 * 3600).default(15 * 60),
  /** How long a booking access token from POST /bookings/guest/verify lasts. */
  GUEST_ACCESS_TOKEN_TTL_SECONDS: integer(60, 24 * 3600).default(30 * 60),
  /** Access tokens given per booking in GUEST_LOOKUP_WINDOW_SECONDS (each is in its history). */
  GUEST_ACCESS_GRANTS_PER_WINDOW: integer(1, 1000).default(10),
  /** Guest verification (and claims) first e-mail a one-time code to the booking's contact. */
  GUEST_OTP_REQUIRED: booleanFlag.default(false),
  GUEST_OTP_TTL_SECONDS: integer(1, 3600).default(10 * 60),
  GUEST_OTP_MAX_ATTEMPTS: integer(1, 20).default(5),
  /** `keyId:base64(32 bytes)` pairs, the first encrypts; the others still decrypt (rotation). */
  PII_ENCRYPTION_KEYS: optionalString,
  PII_BLIND_INDEX_KEY: secret,

  /** Ed25519 key signing the tickets' QR payloads: PEM, or a base64 32-byte seed. */
  TICKET_SIGNING_KEY: optionalString,
  /**
   * Who confirms payments: `demo` (the traveller's confirm is the payment: a demo stack only) or
   * `webhook` (the payment provider's signed callback). Default: demo outside production, webhook
   * in production (where demo must be asked for, and is warned about at boot).
   */
  PAYMENT_PROVIDER: z.enum(['demo', 'webhook']).optional(),
  /**
   * The provider's hosted checkout for a booking, with {bookingId}, {reference}, {amount} and
   * {currency} filled in (e.g. https://pay.example/checkout?order={reference}&amount={amount}).
   */
  PAYMENT_CHECKOUT_URL: optionalString.refine(
    (v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v),
    { message: 'must be an http(s) URL' },
  ),
  /** HMAC-SHA256 key of the payment provider's webhook signatures (Standard Webhooks). */
  PAYMENT_WEBHOOK_SECRET: secret,
  /** smtp(s)://user:pass@host:port; unset: e-mails are written as .eml files to DATA_DIR/outbox. */
  SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
    message: 'must be an smtp:// or smtps:// URL',
  }),
  MAIL_FROM: z.string().min(3).default('VéXe Bus Lines <tickets@vexe.example>'),
  TICKET_EMAIL_ATTEMPTS: integer(1, 20).default(6),
  /** Ticket e-mails one worker delivers at once; default 2 × (PDF_RENDER_THREADS + 1). */
  TICKET_EMAIL_CONCURRENCY: integer(1, 256).optional(),
  /** Worker threads rendering PDFs (tickets, manifests) per process; default one per CPU but one. */
  PDF_RENDER_THREADS: integer(1, 64).optional(),
  /** Ticket e-mails asked for again (email-ticket, resend-confirmation) per booking per hour. */
  TICKET_RESENDS_PER_HOUR: integer(1, 1000).default(5),
  /** How long one webhook delivery may take (connect to last byte) before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: integer(100, 60_000).default(10_000),
  /** The first retry of a failed delivery waits this long, each next one twice as long (≤ 6 h). */
  WEBHOOK_RETRY_BASE_SECONDS: integer(1, 3600).default(10),
  /** A delivery is retried for this long; then it fails, and its endpoint is disabled. */
  WEBHOOK_RETRY_WINDOW_SECONDS: integer(1, 30 * 24 * 3600).default(3 * 24 * 3600),
  /** How often the worker looks for deliveries due. */
  WEBHOOK_POLL_MS: integer(50, 60_000).default(1000),
  /** Webhook endpoints one may register (each event is delivered to each of them). */
  WEBHOOK_MAX_ENDPOINTS: integer(1, 1000).default(50),
  /**
   * Webhook URLs may resolve to loopback, private or link-local addresses. Default: not in
   * production (SSRF), allowed elsewhere (a receiver on this machine).
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: booleanFlag.optional(),
  TICKET_EMAIL_BACKOFF_MS: integer(10, 600_000).default(2000),
  /**
   * The worker's sweep queues again an e-ticket mail owed this long after the confirmation
   * without being sent or given up (its job lost with Redis or a worker) …
   */
  TICKET_MAIL_SWEEP_AFTER_SECONDS: integer(1, 24 * 3600).default(120),
  /** … for confirmations at most this old. */
  TICKET_MAIL_SWEEP_WINDOW_HOURS: integer(1, 30 * 24).default(72),
  BRAND_NAME: z.string().min(1).max(80).default('VéXe Bus Lines'),
  BRAND_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #0b5394')
    .default('#0b5394'),
  /** A PNG or JPEG printed at the top of each ticket. */
  BRAND_LOGO_FILE: optionalString,
  BRAND_CONTACT: z.string().max(200).default('support@vexe.example · 1900 0000'),
  BRAND_TERMS: z
    .string()
    .max(2000)
    .default(
      'Be at the departure point 30 minutes before departure with an ID document matching the ' +
        'ticket. Tickets are personal.',
    ),

  /**
   * Workers of one group share their subscriptions and job queues; another group (another
   * deployment on the same database, or a test) sees every event again and has its own queues.
   */
  WORKER_GROUP: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be 1-40 lowercase letters, digits or hyphens')
    .default('main'),
  EVENT_SUBSCRIPTION_POLL_MS: integer(50, 60_000).default(1000),
  EVENT_SUBSCRIPTION_BATCH_SIZE: integer(1, 10_000).default(500),
});

export type RawConfig = z.infer<typeof configSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
