/**
 * Booking references: PREFIX + YYYYMMDD + random characters + one check character, e.g.
 * `BUS20261124K7QM4XAB3C9`. Random and check characters come from an alphabet without the
 * look-alikes 0, O, 1, I and L.
 *
 * The check makes Σ wᵢ·vᵢ ≡ 0 (mod 37) over the whole reference, where vᵢ is the character's
 * value in 0-9A-Z (0‥35) and wᵢ = i + 1. As 37 is prime and greater than any difference of two
 * values, changing one character changes the sum by wᵢ·Δ ≢ 0, and swapping two adjacent,
 * different characters changes it by (wᵢ − wᵢ₊₁)·Δ = −Δ ≢ 0: every single typo and every
 * adjacent swap is caught, for references of up to 36 characters.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MODULUS = 37;
const MAX_LENGTH = MODULUS - 1;

export interface ReferenceFormat {
  prefix: string;
  randomLength: number;
}

/** Uppercase, without spaces and hyphens: how people type and read references back. */
export function normalizeReference(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

function checksum(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) sum += (i + 1) * VALUES.indexOf(chars[i]);
  return sum % MODULUS;
}

/** The value v (0‥36) of a check character at 1-based position `weight` that zeroes the sum. */
function checkValue(body: string): number {
  const weight = body.length + 1;
  const missing = (MODULUS - checksum(body)) % MODULUS;
  // weight⁻¹ mod 37 by Fermat: weight^35.
  let inverse = 1;
  for (let i = 0; i < MODULUS - 2; i++) inverse = (inverse * weight) % MODULUS;
  return (missing * inverse) % MODULUS;
}

/** Generates and validates references of one format (the pattern is compiled once). */
export class BookingReferences {
  private readonly pattern: RegExp;

  constructor(readonly format: ReferenceFormat) {
    if (!/^[A-Z2-9]{0,8}$/.test(format.prefix)) throw new Error('invalid reference prefix');
    if (format.randomLength < 6 || format.prefix.length + 8 + format.randomLength + 1 > MAX_LENGTH)
      throw new Error('invalid reference length');
    this.pattern = new RegExp(
      `^${format.prefix}\\d{8}[${REFERENCE_ALPHABET}]{${format.randomLength + 1}}$`,
    );
  }

  /**
   * A new reference for `date` (YYYY-MM-DD in the operator's time zone). `random(n)` returns an
   * integer in [0, n). The last random character is redrawn while the check value falls outside
   * the alphabet (6 in 37 draws).
   */
  generate(date: string, random: (n: number) => number): string {
    const draw = () => REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
    let body = `${this.format.prefix}${date.replace(/-/g, '')}`;
    for (let i = 0; i < this.format.randomLength - 1; i++) body += draw();
    for (;;) {
      const candidate = body + draw();
      const check = VALUES[checkValue(candidate)];
      if (check !== undefined && REFERENCE_ALPHABET.includes(check)) return candidate + check;
    }
  }

  /** Whether `input`, normalized, is a well-formed reference whose check character matches. */
  isValid(input: string): boolean {
    const reference = normalizeReference(input);
    return this.pattern.test(reference) && checksum(reference) === 0;
  }
}
