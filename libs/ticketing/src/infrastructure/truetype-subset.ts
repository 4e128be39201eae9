/**
 * TrueType subsets for pdfkit, written from the font file's own bytes. fontkit's subset decodes
 * the font's tables into objects and encodes them again, value by value, for every document (the
 * hinting programs alone are 5,000 values): about a fifth of a ticket's render. This writes the
 * same file, byte for byte (truetype-subset.spec.ts compares them): the same tables in the same
 * order, glyphs copied as they are with their components renumbered, the tables a subset does not
 * change copied whole.
 */

/** What pdfkit uses of a fontkit subset. */
export interface FontSubset {
  /** The original glyph ids, in the subset's order (0, the missing glyph, first). */
  readonly glyphs: number[];
  /** The glyph's id in the subset, added if it is not in it yet. */
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Buffer;
}

/** fontkit's table order; a table the font lacks is left out. */
const TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

// Composite glyph flags (OpenType spec, 'glyf').
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export class TrueTypeSubsetter {
  private readonly tables = new Map<string, Buffer>();
  /** 'loca' offsets of 32 bits (else 16, halved). */
  readonly longOffsets: boolean;
  private readonly numberOfMetrics: number;

  constructor(file: Buffer) {
    const numTables = file.readUInt16BE(4);
    for (let i = 0; i < numTables; i++) {
      const record = 12 + 16 * i;
      const tag = file.toString('latin1', record, record + 4);
      const offset = file.readUInt32BE(record + 8);
      this.tables.set(tag, file.subarray(offset, offset + file.readUInt32BE(record + 12)));
    }
    for (const tag of ['head', 'hhea', 'loca', 'maxp', 'glyf', 'hmtx']) {
      if (!this.tables.has(tag)) throw new Error(`not a TrueType font: no '${tag}' table`);
    }
    this.longOffsets = this.table('head').readInt16BE(50) === 1;
    this.numberOfMetrics = this.table('hhea').readUInt16BE(34);
  }

  subset(): FontSubset {
    return new TrueTypeSubset(this);
  }

  table(tag: string): Buffer {
    return this.tables.get(tag) ?? Buffer.alloc(0);
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  /** A glyph's outline as stored (empty for a glyph without one, e.g. the space). */
  glyph(id: number): Buffer {
    const loca = this.table('loca');
    const [start, end] = this.longOffsets
      ? [loca.readUInt32BE(4 * id), loca.readUInt32BE(4 * id + 4)]
      : [loca.readUInt16BE(2 * id) * 2, loca.readUInt16BE(2 * id + 2) * 2];
    return this.table('glyf').subarray(start, end);
  }

  /** Advance width and left side bearing, as fontkit reads them from 'hmtx'. */
  metrics(id: number): [advance: number, bearing: number] {
    const hmtx = this.table('hmtx');
    const count = this.numberOfMetrics;
    if (id < count) return [hmtx.readUInt16BE(4 * id), hmtx.readInt16BE(4 * id + 2)];
    const advance = count > 0 ? hmtx.readUInt16BE(4 * (count - 1)) : 0;
    const at = 4 * count + 2 * (id - count);
    return [advance, at + 2 <= hmtx.length ? hmtx.readInt16BE(at) : 0];
  }
}

class TrueTypeSubset implements FontSubset {
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly font: TrueTypeSubsetter) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let index = this.mapping.get(id);
    if (index === undefined) {
      index = this.glyphs.push(id) - 1;
      this.mapping.set(id, index);
    }
    return index;
  }

  encode(): Buffer {
    const outlines: Buffer[] = [];
    const offsets: number[] = [];
    const hmtx: number[] = [];
    let offset = 0;
    // Components are added to `glyphs` while it is walked.
    for (let i = 0; i < this.glyphs.length; i++) {
      const id = this.glyphs[i];
      let outline = this.font.glyph(id);
      if (outline.length >= 10 && outline.readInt16BE(0) < 0) outline = this.renumbered(outline);
      outlines.push(outline);
      offsets.push(offset);
      hmtx.push(...this.font.metrics(id));
      offset += outline.length;
    }
    offsets.push(offset);
    const count = this.glyphs.length;

    const built = new Map<string, Buffer>([
      ['hhea', withUInt16(this.font.table('hhea'), 34, count)],
      ['maxp', withUInt16(this.font.table('maxp'), 4, count)],
      ['loca', locaOf(offsets, this.font.longOffsets)],
      ['glyf', Buffer.concat(outlines)],
      ['hmtx', int16sOf(hmtx)],
    ]);
    const tables = TABLES.filter((tag) => this.font.has(tag)).map((tag) => ({
      tag,
      bytes: built.get(tag) ?? this.font.table(tag),
    }));
    return directoryOf(tables);
  }

  /** A composite glyph's copy whose components are this subset's ids (included now if new). */
  private renumbered(outline: Buffer): Buffer {
    const copy = Buffer.from(outline);
    let at = 10;
    for (;;) {
      const flags = copy.readUInt16BE(at);
      copy.writeUInt16BE(this.includeGlyph(copy.readUInt16BE(at + 2)), at + 2);
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return copy;
    }
  }
}

function withUInt16(table: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(table);
  copy.writeUInt16BE(value, at);
  return copy;
}

function locaOf(offsets: number[], long: boolean): Buffer {
  const out = Buffer.alloc(offsets.length * (long ? 4 : 2));
  offsets.forEach((offset, i) =>
    long ? out.writeUInt32BE(offset, 4 * i) : out.writeUInt16BE(offset / 2, 2 * i),
  );
  return out;
}

/** Advance (unsigned) and bearing (signed) pairs, each 16 bits. */
function int16sOf(values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 2);
  values.forEach((value, i) => out.writeUInt16BE(value & 0xffff, 2 * i));
  return out;
}

/**
 * The table directory as fontkit writes it: version tag 'true', checksums left 0, each table
 * right after the one before (no padding), in the order given.
 */
function directoryOf(tables: { tag: string; bytes: Buffer }[]): Buffer {
  const header = Buffer.alloc(12 + 16 * tables.length);
  const power = 2 ** Math.floor(Math.log2(tables.length));
  header.write('true', 0, 'latin1');
  header.writeUInt16BE(tables.length, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tables.length * 16 - power * 16, 10);
  let offset = header.length;
  tables.forEach(({ tag, bytes }, i) => {
    const record = 12 + 16 * i;
    header.write(tag, record, 'latin1');
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(bytes.length, record + 12);
    offset += bytes.length;
  });
  return Buffer.concat([header, ...tables.map((t) => t.bytes)]);
}
