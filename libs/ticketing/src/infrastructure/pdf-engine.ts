import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PdfJob, tableDefinition, ticketDefinition } from './pdf-definitions';
import { qrPng } from './qr-png';
import { FontSubset, TrueTypeSubsetter } from './truetype-subset';

/*
 * pdfmake itself: loaded by the render threads only (pdf-render.thread.ts), never by the API's
 * or worker's main thread, whose start-up does not pay for it.
 */

// pdfmake 0.3 ships no types; the server build is a configured singleton.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake = require('pdfmake') as {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
};
// The same fontkit module instance pdfkit uses (one copy in node_modules).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as {
  create(buffer: Uint8Array): FontkitFont;
  registerFormat(format: unknown): void;
};

/** The parts of a fontkit font this file replaces; pdfkit calls them as methods of the font. */
interface FontkitFont {
  createSubset(): FontSubset;
  layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun;
}
interface GlyphRun {
  glyphs: object[];
  positions: object[];
}

const ROBOTO = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FACES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

/**
 * pdfkit parses a font file again for every document: a quarter of a ticket's time went to
 * fontkit's table parsing. A parsed fontkit font is only read from afterwards (each document
 * takes its own subset of it), so each face is parsed once per thread. pdfmake is handed a
 * small token in its virtual file system instead of the font file; fontkit tries its own
 * formats first, which all refuse the token, then this one, which answers with the parsed font.
 */
const TOKEN = Buffer.from('parsed-font:');
const parsedFaces = new Map<string, FontkitFont>();

function ParsedFont(stream: { buffer: Uint8Array }): object {
  const name = Buffer.from(stream.buffer).subarray(TOKEN.length).toString();
  const font = parsedFaces.get(name);
  if (!font) throw new Error(`no parsed font ${name}`);
  return font;
}
ParsedFont.probe = (buffer: Uint8Array) =>
  buffer.length > TOKEN.length && Buffer.from(buffer.subarray(0, TOKEN.length)).equals(TOKEN);

let configured = false;
function configure(): void {
  if (configured) return;
  fontkit.registerFormat(ParsedFont);
  for (const file of Object.values(FACES)) {
    parsedFaces.set(file, parsedFace(readFileSync(join(ROBOTO, file))));
    pdfmake.virtualfs.writeFileSync(file, Buffer.concat([TOKEN, Buffer.from(file)]));
  }
  pdfmake.setFonts({ Roboto: FACES });
  // Fonts come from the virtual file system; nothing else is read, nor fetched.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

/**
 * A face parsed once, with two of fontkit's methods replaced for speed, their answers unchanged:
 * subsets are written from the file's bytes (truetype-subset.ts), and the shaping of a word is
 * remembered across documents — a ticket's words are mostly the same labels every time, and
 * pdfkit's own cache of them lasts one document.
 */
function parsedFace(file: Buffer): FontkitFont {
  const font = fontkit.create(file);
  const subsetter = new TrueTypeSubsetter(file);
  font.createSubset = () => subsetter.subset();
  const layout = font.layout.bind(font);
  const shaped = new Map<string, GlyphRun>();
  font.layout = (text, features, ...rest) => {
    if (features !== undefined || rest.length > 0) return layout(text, features, ...rest);
    let run = shaped.get(text);
    if (!run) {
      if (shaped.size >= SHAPED_WORDS) shaped.clear();
      run = layout(text);
      shaped.set(text, run);
    }
    return copyOf(run);
  };
  return font;
}

/** Words whose shaping a face remembers; names and references come and go, labels stay. */
const SHAPED_WORDS = 5_000;

/** pdfkit scales a run's positions in place: each document gets positions of its own. */
function copyOf(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) =>
    Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p),
  );
  return copy;
}

/** A PDF: a ticket (with the logo, a data URL, if any) or a printable table. */
export async function renderPdf(job: PdfJob, logo?: string): Promise<Buffer> {
  configure();
  if (job.kind === 'warm-up') return Buffer.alloc(0);
  if (job.kind === 'table') return pdfmake.createPdf(tableDefinition(job.table)).getBuffer();
  const codes = job.ticket.passengers.map((p) => qrPng(p.qrPayload));
  return pdfmake.createPdf(ticketDefinition(job.ticket, codes, logo)).getBuffer();
}
