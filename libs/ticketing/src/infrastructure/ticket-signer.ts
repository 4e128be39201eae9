import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { claimsBytes, decodeTicket, encodeTicket, TicketClaims } from '../domain/ticket-payload';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from PEM, or from a base64 32-byte seed. */
export function ticketKeyFrom(value: string): KeyObject {
  if (value.includes('BEGIN')) return createPrivateKey(value);
  const seed = Buffer.from(value, 'base64');
  if (seed.length !== 32)
    throw new Error('TICKET_SIGNING_KEY must be a PEM key or 32 bytes in base64');
  return createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** Signs ticket claims (Ed25519) and checks scanned payloads against the public key. */
export class TicketSigner {
  readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('ticket key must be Ed25519');
    this.publicKey = createPublicKey(privateKey);
  }

  sign(claims: TicketClaims): string {
    return encodeTicket(claims, sign(null, claimsBytes(claims), this.privateKey));
  }

  /** The claims of an authentic payload, or null (malformed, or any byte changed). */
  verify(payload: string): TicketClaims | null {
    const decoded = decodeTicket(payload);
    if (!decoded) return null;
    return verify(null, decoded.signed, this.publicKey, decoded.signature) ? decoded.claims : null;
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  publicKeyJwk(): { kty: string; crv: string; x: string } {
    const { kty, crv, x } = this.publicKey.export({ format: 'jwk' });
    return { kty: kty!, crv: crv!, x: x! };
  }
}
