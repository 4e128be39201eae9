import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('fills defaults and development secrets outside production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      http: { port: 3000 },
      catalog: { currency: 'VND', maxSeatsPerBooking: 5 },
    });
    expect(config.developmentSecrets).toEqual([
      'AUTH_JWT_SECRET',
      'GUEST_TOKEN_SECRET',
      'PII_ENCRYPTION_KEYS',
      'PII_BLIND_INDEX_KEY',
      'TICKET_SIGNING_KEY',
      'PAYMENT_WEBHOOK_SECRET',
    ]);
  });

  it('explains every bad value in one line', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', REDIS_URL: 'http://x', CATALOG_TIMEZONE: 'Mars/Base' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', AUTH_JWT_SECRET: 'short' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/^Invalid configuration: /);
      expect(message).toContain('PORT');
      expect(message).toContain('AUTH_JWT_SECRET must be at least 32 characters long (got "***")');
    }
  });

  it('refuses to start in production without real secrets or a database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_JWT_SECRET or AUTH_JWKS_URL, GUEST_TOKEN_SECRET, .* required when NODE_ENV=production/,
    );
    const tokens = { AUTH_JWT_SECRET: 'x'.repeat(32), GUEST_TOKEN_SECRET: 'y'.repeat(32) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...tokens })).toThrow(
      /: PII_ENCRYPTION_KEYS, PII_BLIND_INDEX_KEY, TICKET_SIGNING_KEY, PAYMENT_WEBHOOK_SECRET required/,
    );
    const secrets = {
      ...tokens,
      PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PII_BLIND_INDEX_KEY: 'z'.repeat(32),
      TICKET_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
      PAYMENT_WEBHOOK_SECRET: 'w'.repeat(32),
    };
    expect(() =>
      loadConfig({ NODE_ENV: 'production', ...secrets, PII_ENCRYPTION_KEYS: 'k1:short' }),
    ).toThrow(/PII_ENCRYPTION_KEYS must be keyId:base64 pairs/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets })).toThrow(
      /DATABASE_URL is required/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      ...secrets,
      DATABASE_URL: 'postgres://db/booking',
    });
    expect(config.developmentSecrets).toEqual([]);
  });
});

describe('config groups', () => {
  it('carry the parsed values under their group', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      SEAT_LOCK_TTL_SECONDS: '60',
      GUEST_HOLD_SHARE_PERCENT: '40',
      REFUND_TIERS: '6:20,72:100',
      VAT_PERCENT: '8',
      PORT: '8080',
      TRUST_PROXY: '2',
      CORS_ORIGINS: 'https://A.example, https://b.example',
      DATABASE_URL: 'postgres://db/booking',
      DATABASE_POOL_SIZE: '7',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtp://mail:25',
      TICKET_EMAIL_ATTEMPTS: '3',
      GUEST_OTP_REQUIRED: 'yes',
      BRAND_NAME: 'Test Lines',
      WORKER_GROUP: 'blue',
      BOARDING_WINDOW_MINUTES_BEFORE: '90',
    });
    expect(config.nodeEnv).toBe('test');
    expect(config.seatHolds).toEqual({
      ttlSeconds: 60,
      maxLifetimeSeconds: 2700,
      guestSharePercent: 40,
      guestSeatsPerAddress: 10,
      waitlistOfferSeconds: 900,
      guestWaitlistPerAddress: 2,
    });
    expect(config.booking.refundTiers).toEqual([
      { hoursBefore: 72, percent: 100 },
      { hoursBefore: 6, percent: 20 },
    ]);
    expect(config.booking.vatPercent).toBe(8);
    expect(config.http).toMatchObject({
      port: 8080,
      publicUrl: 'http://localhost:8080', // PUBLIC_URL unset: this server
      trustProxy: 2,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(config.database).toMatchObject({ url: 'postgres://db/booking', poolSize: 7 });
    expect(config.redis.url).toBe('redis://cache:6379');
    expect(config.mail.smtpUrl).toBe('smtp://mail:25');
    expect(config.tickets.emailAttempts).toBe(3);
    expect(config.guests.otpRequired).toBe(true);
    expect(config.brand.name).toBe('Test Lines');
    expect(config.worker.group).toBe('blue');
    expect(config.boarding).toEqual({ windowMinutesBefore: 90, windowMinutesAfter: 30 });
  });

  it('size PDF rendering from the CPUs, and ticket e-mails from the render threads', () => {
    const threads = Math.max(1, availableParallelism() - 1);
    expect(loadConfig({ NODE_ENV: 'test' }).tickets).toMatchObject({
      pdfRenderThreads: threads,
      emailConcurrency: 2 * (threads + 1),
    });
    expect(loadConfig({ NODE_ENV: 'test', PDF_RENDER_THREADS: '3' }).tickets).toMatchObject({
      pdfRenderThreads: 3,
      emailConcurrency: 8,
    });
    expect(
      loadConfig({ NODE_ENV: 'test', PDF_RENDER_THREADS: '3', TICKET_EMAIL_CONCURRENCY: '1' })
        .tickets,
    ).toMatchObject({ pdfRenderThreads: 3, emailConcurrency: 1 });
    expect(() => loadConfig({ PDF_RENDER_THREADS: '0' })).toThrow(
      'PDF_RENDER_THREADS must be an integer from 1 to 64',
    );
  });

  it('carry the development secrets where no secret was set', () => {
    const config = loadConfig({});
    expect(config.auth.jwtSecret?.length).toBeGreaterThanOrEqual(32);
    expect(config.guests.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.privacy.encryptionKeys).toMatch(/^local:/);
    expect(config.tickets.signingKey).toBeTruthy();
  });

  it('are frozen all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.seatHolds)).toBe(true);
    expect(Object.isFrozen(config.booking.refundTiers)).toBe(true);
    expect(Object.isFrozen(config.booking.refundTiers[0])).toBe(true);
    expect(Object.isFrozen(config.developmentSecrets)).toBe(true);
  });
});

describe('REFUND_TIERS', () => {
  it('is parsed once at boot, most generous first', () => {
    expect(loadConfig({ REFUND_TIERS: '2:50,48:100,24:90' }).booking.refundTiers).toEqual([
      { hoursBefore: 48, percent: 100 },
      { hoursBefore: 24, percent: 90 },
      { hoursBefore: 2, percent: 50 },
    ]);
  });

  it('refuses tiers that cannot be meant', () => {
    expect(() => loadConfig({ REFUND_TIERS: '24:120' })).toThrow('percents must be at most 100');
    expect(() => loadConfig({ REFUND_TIERS: '24:90,24:50' })).toThrow(
      'each hoursBefore may appear once',
    );
    expect(() => loadConfig({ REFUND_TIERS: '24:50,2:90' })).toThrow(
      'refunds may not grow closer to departure',
    );
  });
});

describe('secrets', () => {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-secrets-'));
    folders.push(dir);
    return dir;
  };
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const real = {
    AUTH_JWT_SECRET: 'a'.repeat(16) + 'Q'.repeat(16),
    GUEST_TOKEN_SECRET: 'g'.repeat(16) + 'W'.repeat(16),
    PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    PII_BLIND_INDEX_KEY: 'b'.repeat(16) + 'E'.repeat(16),
    TICKET_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
    PAYMENT_WEBHOOK_SECRET: 'p'.repeat(16) + 'R'.repeat(16),
  };
  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/booking' };

  it('outside production, are random per data directory and kept there across restarts', () => {
    const dir = folder();
    const first = loadConfig({ DATA_DIR: dir });
    const again = loadConfig({ DATA_DIR: dir });
    const elsewhere = loadConfig({ DATA_DIR: folder() });
    expect(again.guests.tokenSecret).toBe(first.guests.tokenSecret);
    expect(again.privacy.encryptionKeys).toBe(first.privacy.encryptionKeys);
    expect(elsewhere.guests.tokenSecret).not.toBe(first.guests.tokenSecret);
    expect(first.auth.jwtSecret).not.toBe(first.guests.tokenSecret);
    // nothing from the source: the old built-in development value is gone
    expect(first.guests.tokenSecret).not.toBe('dev-only-guest-secret-change-me-0123456789abcdef');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(first.guests.tokenSecret);
  });

  it('keeps the secrets a data directory already has when a new one is added', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'secrets.json'),
      JSON.stringify({ ...real, PAYMENT_WEBHOOK_SECRET: undefined }),
    );
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.guests.tokenSecret).toBe(real.GUEST_TOKEN_SECRET);
    expect(config.payments.webhookSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).payments.webhookSecret).toBe(
      config.payments.webhookSecret,
    );
  });

  it('a secret that is set is used as it is', () => {
    const config = loadConfig({ DATA_DIR: folder(), GUEST_TOKEN_SECRET: real.GUEST_TOKEN_SECRET });
    expect(config.guests.tokenSecret).toBe(real.GUEST_TOKEN_SECRET);
    expect(config.developmentSecrets).not.toContain('GUEST_TOKEN_SECRET');
  });

  it('production accepts real ones', () => {
    expect(loadConfig({ ...production, ...real }).developmentSecrets).toEqual([]);
  });

  it('production refuses a value published in the source, the docs or the old compose file', () => {
    for (const published of [
      { GUEST_TOKEN_SECRET: 'dev-only-guest-secret-change-me-0123456789abcdef' },
      { AUTH_JWT_SECRET: 'compose-demo-only-auth-jwt-secret-not-for-production' },
      { TICKET_SIGNING_KEY: 'ZGV2LW9ubHktdGlja2V0LXNlZWQtY2hhbmdlLW1lLTA=' },
      { PII_ENCRYPTION_KEYS: 'dev:ZGV2LW9ubHktcGlpLWtleS1jaGFuZ2UtbWUtMDEyMzQ=' },
    ]) {
      const [name] = Object.keys(published);
      expect(() => loadConfig({ ...production, ...real, ...published })).toThrow(
        new RegExp(`${name} is a value published in the source`),
      );
    }
  });

  it('production refuses one value for two purposes, and short keys', () => {
    expect(() =>
      loadConfig({ ...production, ...real, GUEST_TOKEN_SECRET: real.AUTH_JWT_SECRET }),
    ).toThrow(/GUEST_TOKEN_SECRET must not be the same value as AUTH_JWT_SECRET/);
    expect(() =>
      loadConfig({
        ...production,
        ...real,
        PII_BLIND_INDEX_KEY: real.PII_ENCRYPTION_KEYS.slice(3),
      }),
    ).toThrow(/PII_BLIND_INDEX_KEY must not be the same value as PII_ENCRYPTION_KEYS/);
    expect(() => loadConfig({ ...production, ...real, TICKET_SIGNING_KEY: 'c2hvcnQ=' })).toThrow(
      /TICKET_SIGNING_KEY must be at least 32 characters/,
    );
  });

  it('NAME_FILE gives a value from a file (Docker and Kubernetes secrets)', () => {
    const dir = folder();
    writeFileSync(join(dir, 'guest'), `${real.GUEST_TOKEN_SECRET}\n`);
    const config = loadConfig({
      ...production,
      ...real,
      GUEST_TOKEN_SECRET: '',
      GUEST_TOKEN_SECRET_FILE: join(dir, 'guest'),
    });
    expect(config.guests.tokenSecret).toBe(real.GUEST_TOKEN_SECRET);
    expect(() =>
      loadConfig({
        ...production,
        ...real,
        GUEST_TOKEN_SECRET: '',
        GUEST_TOKEN_SECRET_FILE: join(dir, 'none'),
      }),
    ).toThrow(/GUEST_TOKEN_SECRET_FILE names .*none, which cannot be read \(ENOENT\)/);
  });

  it('the service listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({ DATA_DIR: folder() }).http.host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: folder(), HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });
});
