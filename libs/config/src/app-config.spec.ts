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
      /AUTH_JWT_SECRET or AUTH_JWKS_URL is required/,
    );
    const tokens = { AUTH_JWT_SECRET: 'x'.repeat(32), GUEST_TOKEN_SECRET: 'y'.repeat(32) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...tokens })).toThrow(
      /PII_ENCRYPTION_KEYS is required/,
    );
    const secrets = {
      ...tokens,
      PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PII_BLIND_INDEX_KEY: 'z'.repeat(32),
      TICKET_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
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
    });
    expect(config.booking.refundTiers).toEqual([
      { hoursBefore: 72, percent: 100 },
      { hoursBefore: 6, percent: 20 },
    ]);
    expect(config.booking.vatPercent).toBe(8);
    expect(config.http).toMatchObject({
      port: 8080,
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

  it('carry the development secrets where no secret was set', () => {
    const config = loadConfig({});
    expect(config.auth.jwtSecret?.length).toBeGreaterThanOrEqual(32);
    expect(config.guests.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.privacy.encryptionKeys).toMatch(/^dev:/);
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
