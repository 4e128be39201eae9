import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('fills defaults and development secrets outside production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      CURRENCY: 'VND',
      MAX_SEATS_PER_BOOKING: 5,
      isProduction: false,
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

describe('REFUND_TIERS', () => {
  it('is parsed once at boot, most generous first', () => {
    expect(loadConfig({ REFUND_TIERS: '2:50,48:100,24:90' }).refundTiers).toEqual([
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
