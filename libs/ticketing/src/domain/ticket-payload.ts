/**
 * What one passenger's QR code says, signed so a driver's scanner can check it offline with the
 * public key: `<base64url(JSON)>.<base64url(Ed25519 signature)>`.
 */
export interface TicketClaims {
  /** Format version. */
  v: 1;
  /** Booking reference and id. */
  ref: string;
  bid: string;
  /** Trip id and departure time. */
  trip: string;
  dep: string;
  seat: string;
  /** Index of the passenger in the booking (0-based) when issued. */
  pax: number;
  /**
   * The passenger's id (tickets issued before it existed have none): a ticket stays valid while
   * that passenger is in the booking on that seat, whoever else leaves.
   */
  tid?: string;
  /** The ticket's revision (with `tid`): a seat change issues the next and revokes this one. */
  rev?: number;
}

export interface SignedTicket {
  claims: TicketClaims;
  encoded: string;
}

const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** The bytes that are signed: the claims as canonical JSON. */
export function claimsBytes(claims: TicketClaims): Buffer {
  const { v, ref, bid, trip, dep, seat, pax, tid, rev } = claims;
  const canonical = {
    ...{ v, ref, bid, trip, dep, seat, pax },
    ...(tid === undefined ? {} : { tid }),
    ...(rev === undefined ? {} : { rev }),
  };
  return Buffer.from(JSON.stringify(canonical), 'utf8');
}

export function encodeTicket(claims: TicketClaims, signature: Uint8Array): string {
  return `${toBase64Url(claimsBytes(claims))}.${toBase64Url(signature)}`;
}

/** Splits a scanned payload; null when it is not one of ours at all. */
export function decodeTicket(
  payload: string,
): { claims: TicketClaims; signed: Buffer; signature: Buffer } | null {
  const match = /^([A-Za-z0-9_-]{10,2000})\.([A-Za-z0-9_-]{86})$/.exec(payload.trim());
  if (!match) return null;
  const signed = Buffer.from(match[1], 'base64url');
  let claims: TicketClaims;
  try {
    claims = JSON.parse(signed.toString('utf8')) as TicketClaims;
  } catch {
    return null;
  }
  const valid =
    claims?.v === 1 &&
    typeof claims.ref === 'string' &&
    typeof claims.bid === 'string' &&
    typeof claims.trip === 'string' &&
    typeof claims.dep === 'string' &&
    typeof claims.seat === 'string' &&
    Number.isInteger(claims.pax) &&
    (claims.tid === undefined || typeof claims.tid === 'string') &&
    (claims.rev === undefined || Number.isInteger(claims.rev));
  return valid ? { claims, signed, signature: Buffer.from(match[2], 'base64url') } : null;
}
