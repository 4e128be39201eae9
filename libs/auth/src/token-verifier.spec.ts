import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ManualClock } from '@app/clock';
import { loadConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { signPlatformToken } from './dev-token';
import { GuestTokenIssuer } from './guest-token.issuer';
import { TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-that-is-long-enough-0123456789';

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier with an HS256 secret', () => {
  const config = loadConfig({ AUTH_JWT_SECRET: secret });
  const verifier = new TokenVerifier(config);

  it('turns a platform token into an actor, keeping only known roles', async () => {
    const sub = randomUUID();
    const token = await signPlatformToken({
      secret,
      sub,
      roles: ['admin', 'guest', 'root' as never],
      email: 'an@example.com',
    });
    expect(await verifier.verify(token)).toEqual({
      id: sub,
      kind: 'user',
      roles: ['admin'],
      email: 'an@example.com',
      name: undefined,
    });
  });

  it('refuses tokens that are forged, expired, malformed or not about a user id', async () => {
    const sub = randomUUID();
    const forged = await signPlatformToken({ secret: `${secret}x`, sub, roles: ['admin'] });
    expect((await rejection(verifier.verify(forged))).code).toBe('auth.invalid_token');
    const expired = await signPlatformToken({
      secret,
      sub,
      roles: ['user'],
      expiresInSeconds: -10,
    });
    expect((await rejection(verifier.verify(expired))).message).toContain('expired');
    expect((await rejection(verifier.verify('not.a.jwt'))).kind).toBe('unauthorized');
    const notUuid = await signPlatformToken({ secret, sub: 'alice', roles: ['user'] });
    expect((await rejection(verifier.verify(notUuid))).message).toContain('UUID');
  });

  it('refuses tokens without an expiry, or expiring further away than allowed', async () => {
    const key = new TextEncoder().encode(secret);
    const forever = await new SignJWT({ roles: ['user'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(randomUUID())
      .setIssuedAt()
      .sign(key);
    expect((await rejection(verifier.verify(forever))).message).toContain('it has no expiry (exp)');
    const tenDays = await signPlatformToken({
      secret,
      sub: randomUUID(),
      roles: ['user'],
      expiresInSeconds: 10 * 24 * 3600,
    });
    expect((await rejection(verifier.verify(tenDays))).message).toContain(
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS',
    );
    const longer = new TokenVerifier(
      loadConfig({
        AUTH_JWT_SECRET: secret,
        AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(30 * 24 * 3600),
      }),
    );
    expect((await longer.verify(tenDays)).kind).toBe('user');
  });

  it('verifies its own guest tokens, and not with the platform secret', async () => {
    const issuer = new GuestTokenIssuer(config, new ManualClock());
    const session = await issuer.startSession();
    expect(await verifier.verify(session.token)).toEqual({
      id: session.guestSessionId,
      kind: 'guest',
      roles: ['guest'],
    });

    const fakeGuest = await new SignJWT({ roles: ['guest'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('bus-booking-service')
      .setSubject(randomUUID())
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    expect((await rejection(verifier.verify(fakeGuest))).code).toBe('auth.invalid_token');
  });

  it('carries the booking scope of an access token, under a subject owning nothing', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const issuer = new GuestTokenIssuer(config, new ManualClock(now));
    const bookingId = randomUUID();
    const access = await issuer.grantBookingAccess({ bookingId, viaCode: true });
    const actor = await verifier.verify(access.accessToken);
    expect(actor).toMatchObject({
      kind: 'guest',
      roles: ['guest'],
      scope: { bookingId, viaCode: true },
    });
    expect(actor).toEqual(access.actor);
    expect(actor.id).not.toBe(bookingId);
    expect(Date.parse(access.expiresAt) - now.getTime()).toBe(
      config.guests.accessTokenTtlSeconds * 1000,
    );
    const session = await issuer.startSession();
    expect((await verifier.verify(session.token)).scope).toBeUndefined();
  });
});

describe('TokenVerifier with a JWKS', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let sign: (claims: Record<string, unknown>, sub: string) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    verifier = new TokenVerifier(
      loadConfig({
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        AUTH_ISSUER: 'https://auth.example',
      }),
    );
    sign = (claims, sub) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer('https://auth.example')
        .setSubject(sub)
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts tokens signed by a key of the auth service', async () => {
    const sub = randomUUID();
    expect(await verifier.verify(await sign({ roles: ['user'], name: 'An' }, sub))).toMatchObject({
      id: sub,
      kind: 'user',
      roles: ['user'],
      name: 'An',
    });
  });

  it('refuses an HS256 token when only the JWKS is trusted, and one signed by another key', async () => {
    const hs = await signPlatformToken({
      secret,
      sub: randomUUID(),
      roles: ['admin'],
      issuer: 'https://auth.example',
    });
    expect((await rejection(verifier.verify(hs))).code).toBe('auth.invalid_token');
    const { privateKey } = await generateKeyPair('RS256');
    const otherKey = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://auth.example')
      .setSubject(randomUUID())
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await rejection(verifier.verify(otherKey))).code).toBe('auth.invalid_token');
  });
});
