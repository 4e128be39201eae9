import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TrueTypeSubsetter } from './truetype-subset';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as {
  create(buffer: Buffer): {
    numGlyphs: number;
    glyphForCodePoint(codePoint: number): { id: number };
    createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  };
};

const ROBOTO = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const faces = readdirSync(ROBOTO).filter((file) => file.endsWith('.ttf'));

/** A small deterministic generator: the same glyph sets every run. */
function* numbers(seed: number): Generator<number> {
  for (let x = seed; ;) yield (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
}

describe('TrueTypeSubsetter', () => {
  it.each(faces)('writes %s subsets byte for byte as fontkit does', (face) => {
    const file = readFileSync(join(ROBOTO, face));
    const font = fontkit.create(file);
    const subsetter = new TrueTypeSubsetter(file);
    const random = numbers(face.length);
    const vietnamese = [...'Nguyễn Thị Ánh, Phạm Đức Thắng — 495.000 ₫ ••••6789'].map(
      (c) => font.glyphForCodePoint(c.codePointAt(0)!).id,
    );
    const sets = [
      vietnamese, // composite glyphs among them: letters with diacritics
      [...Array(font.numGlyphs).keys()],
      [],
      ...Array.from({ length: 30 }, (_, i) =>
        Array.from({ length: 1 + i * 3 }, () => random.next().value! % font.numGlyphs),
      ),
    ];
    for (const glyphs of sets) {
      const theirs = font.createSubset();
      const ours = subsetter.subset();
      expect(glyphs.map((id) => ours.includeGlyph(id))).toEqual(
        glyphs.map((id) => theirs.includeGlyph(id)),
      );
      expect(ours.encode().equals(Buffer.from(theirs.encode()))).toBe(true);
    }
  });

  it('adds the components of a composite glyph after the glyphs asked for', () => {
    const file = readFileSync(join(ROBOTO, 'Roboto-Regular.ttf'));
    const subset = new TrueTypeSubsetter(file).subset();
    const font = fontkit.create(file);
    subset.includeGlyph(font.glyphForCodePoint('ễ'.codePointAt(0)!).id);
    expect(subset.glyphs).toHaveLength(2);
    subset.encode();
    expect(subset.glyphs.length).toBeGreaterThan(2);
  });

  it('refuses a file that is not a TrueType font', () => {
    const notAFont = Buffer.alloc(64);
    expect(() => new TrueTypeSubsetter(notAFont)).toThrow(/not a TrueType font/);
  });
});
