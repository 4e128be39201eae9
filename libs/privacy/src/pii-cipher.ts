import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Encrypted text: `pii:v1:<keyId>:<iv>:<ciphertext+tag>` (base64url parts). */
export type Sealed = string;

const PREFIX = 'pii:v1:';

export interface PiiKeys {
  /** keyId → 32-byte key; `current` encrypts, every key decrypts (rotation). */
  keys: ReadonlyMap<string, Buffer>;
  current: string;
  /** Key of the keyed hash used to look values up without decrypting them. */
  blindIndexKey: string;
}

/** Parses `id:base64,id:base64` (the first encrypts) and the blind-index key from config. */
export function piiKeysFrom(encryptionKeys: string, blindIndexKey: string): PiiKeys {
  const pairs = encryptionKeys.split(',').map((pair) => {
    const [id, key] = pair.split(':');
    const bytes = Buffer.from(key, 'base64');
    if (bytes.length !== 32) throw new Error(`PII key ${id} is not 32 bytes`);
    return [id, bytes] as const;
  });
  return { keys: new Map(pairs), current: pairs[0][0], blindIndexKey };
}

/**
 * AES-256-GCM for personal data at rest (ID numbers, phones, e-mails), in events and read
 * models alike. Each value gets a random IV; the key id travels with it so keys can rotate.
 */
export class PiiCipher {
  constructor(private readonly config: PiiKeys) {}

  seal(plaintext: string): Sealed {
    const key = this.config.keys.get(this.config.current)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${PREFIX}${this.config.current}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  open(sealed: Sealed): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
    const [keyId, iv, body] = sealed.slice(PREFIX.length).split(':');
    const key = this.config.keys.get(keyId);
    if (!key) throw new Error(`no PII key ${keyId} (was it removed before re-encryption?)`);
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** A keyed hash of a normalized value: equal inputs match, the value cannot be read back. */
  blindIndex(normalized: string): string {
    return createHmac('sha256', this.config.blindIndexKey).update(normalized).digest('base64url');
  }
}

/** The last `visible` characters, the rest as `•`: what non-owners and tickets show. */
export function maskTail(value: string, visible = 4): string {
  const shown = Math.min(visible, Math.max(0, value.length - 2));
  return '•'.repeat(value.length - shown) + value.slice(value.length - shown);
}

/** `n•••@example.com`: the first character and the domain of an e-mail. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskTail(email, 3);
  return `${email[0]}•••${email.slice(at)}`;
}
