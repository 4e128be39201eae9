import { loadConfig } from '@app/config';
import { corsOrigin, isOriginAllowed } from './cors';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/booking',
  AUTH_JWT_SECRET: 'a'.repeat(40),
  GUEST_TOKEN_SECRET: 'b'.repeat(40),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PII_BLIND_INDEX_KEY: 'c'.repeat(40),
  TICKET_SIGNING_KEY: Buffer.alloc(32, 2).toString('base64'),
  PAYMENT_WEBHOOK_SECRET: 'd'.repeat(40),
};

describe('CORS origins', () => {
  it('are same-origin only in production unless listed', () => {
    const config = loadConfig(production);
    expect(corsOrigin(config)).toBe(false);
    expect(isOriginAllowed(config, 'http://localhost:3000')).toBe(false);
    const listed = loadConfig({
      ...production,
      CORS_ORIGINS: 'https://a.example, https://B.example',
    });
    expect(isOriginAllowed(listed, 'https://b.example')).toBe(true);
    expect(isOriginAllowed(listed, 'https://c.example')).toBe(false);
  });

  it('refuses * in production and allows it elsewhere', () => {
    expect(() => loadConfig({ ...production, CORS_ORIGINS: '*' })).toThrow(
      'CORS_ORIGINS=* is not allowed when NODE_ENV=production',
    );
    expect(isOriginAllowed(loadConfig({ CORS_ORIGINS: '*' }), 'https://any.example')).toBe(true);
  });

  it('allows any localhost origin in development by default', () => {
    const config = loadConfig({});
    expect(isOriginAllowed(config, 'http://localhost:5173')).toBe(true);
    expect(isOriginAllowed(config, 'http://[::1]:8080')).toBe(true);
    expect(isOriginAllowed(config, 'http://localhost.evil.example')).toBe(false);
  });

  it('names the rule when CORS_ORIGINS is malformed', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'app.example.com' })).toThrow(
      'CORS_ORIGINS must be * or origins such as https://app.example.com',
    );
  });
});
