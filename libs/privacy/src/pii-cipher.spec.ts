import { randomBytes } from 'node:crypto';
import { maskEmail, maskTail, PiiCipher, piiKeysFrom } from './pii-cipher';

const key = () => randomBytes(32).toString('base64');

describe('PiiCipher', () => {
  const oldKey = key();
  const cipher = new PiiCipher(piiKeysFrom(`k1:${oldKey}`, 'blind-index-key'));

  it('seals with a random IV and opens again; the plaintext does not appear', () => {
    const a = cipher.seal('079123456789');
    const b = cipher.seal('079123456789');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pii:v1:k1:/);
    expect(a).not.toContain('079123456789');
    expect(cipher.open(a)).toBe('079123456789');
    expect(cipher.open(cipher.seal('Nguyễn Thị Ánh'))).toBe('Nguyễn Thị Ánh');
  });

  it('refuses a tampered value', () => {
    const sealed = cipher.seal('+84912345678');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[4], 'base64url');
    for (const index of [0, body.length - 1]) {
      const flipped = Buffer.from(body);
      flipped[index] ^= 0x01;
      const tampered = [...parts.slice(0, 4), flipped.toString('base64url')].join(':');
      expect(() => cipher.open(tampered)).toThrow();
    }
  });

  it('rotates: a new current key encrypts, the old one still decrypts', () => {
    const sealedBefore = cipher.seal('a@example.com');
    const rotated = new PiiCipher(piiKeysFrom(`k2:${key()},k1:${oldKey}`, 'blind-index-key'));
    expect(rotated.open(sealedBefore)).toBe('a@example.com');
    expect(rotated.seal('x')).toMatch(/^pii:v1:k2:/);
  });

  it('gives equal blind indexes for equal values only, depending on the key', () => {
    expect(cipher.blindIndex('a@example.com')).toBe(cipher.blindIndex('a@example.com'));
    expect(cipher.blindIndex('a@example.com')).not.toBe(cipher.blindIndex('b@example.com'));
    const other = new PiiCipher(piiKeysFrom(`k1:${oldKey}`, 'another-key'));
    expect(other.blindIndex('a@example.com')).not.toBe(cipher.blindIndex('a@example.com'));
  });
});

describe('masks', () => {
  it('show only the last characters, or the first letter and domain of an e-mail', () => {
    expect(maskTail('079123456789')).toBe('••••••••6789');
    expect(maskTail('+84912345678', 3)).toBe('•••••••••678');
    expect(maskTail('abc')).toBe('••c');
    expect(maskEmail('nguyen.anh@example.com')).toBe('n•••@example.com');
  });
});
