import { randomBytes } from 'node:crypto';
import { BookingReferences, normalizeReference, REFERENCE_ALPHABET } from './booking-reference';

const CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Uniform integers in [0, n) from a pooled crypto source (fast enough for a million). */
function pooledRandom(): (n: number) => number {
  let pool = randomBytes(0);
  let index = 0;
  return (n) => {
    const limit = 256 - (256 % n);
    for (;;) {
      if (index >= pool.length) {
        pool = randomBytes(65536);
        index = 0;
      }
      const byte = pool[index++];
      if (byte < limit) return byte % n;
    }
  };
}

describe('booking references', () => {
  const references = new BookingReferences({ prefix: 'BUS', randomLength: 10 });
  const random = pooledRandom();

  it('are prefix + date + random characters without look-alikes + a check character', () => {
    const reference = references.generate('2026-11-24', random);
    expect(reference).toMatch(/^BUS20261124[2-9A-HJKMNP-Z]{11}$/);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(references.isValid(reference)).toBe(true);
  });

  it('are matched ignoring case, spaces and hyphens', () => {
    const reference = references.generate('2026-11-24', random);
    const typed = `${reference.slice(0, 3)}-${reference.slice(3, 11)} ${reference.slice(11)}`;
    expect(normalizeReference(typed.toLowerCase())).toBe(reference);
    expect(references.isValid(typed.toLowerCase())).toBe(true);
  });

  it('catch every single-character substitution and every adjacent swap (10,000 references)', () => {
    let checked = 0;
    for (let n = 0; n < 10_000; n++) {
      const reference = references.generate('2026-11-24', random);
      for (let i = 0; i < reference.length; i++) {
        for (const other of CHARACTERS) {
          if (other === reference[i]) continue;
          const typo = reference.slice(0, i) + other + reference.slice(i + 1);
          if (references.isValid(typo)) throw new Error(`${typo} passes for ${reference}`);
          checked++;
        }
        if (i + 1 < reference.length && reference[i] !== reference[i + 1]) {
          const swapped =
            reference.slice(0, i) + reference[i + 1] + reference[i] + reference.slice(i + 2);
          if (references.isValid(swapped)) throw new Error(`${swapped} passes for ${reference}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(7_000_000);
  });

  it('do not repeat in 1,000,000 generated on the same day', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 1_000_000; n++) seen.add(references.generate('2026-11-24', random));
    expect(seen.size).toBe(1_000_000);
  });

  it('refuse malformed input and bad formats', () => {
    expect(references.isValid('')).toBe(false);
    expect(references.isValid('XYZ20261124ABCDEFGHJKM')).toBe(false);
    expect(() => new BookingReferences({ prefix: 'bus', randomLength: 10 })).toThrow();
    expect(() => new BookingReferences({ prefix: 'BUS', randomLength: 5 })).toThrow();
  });
});
