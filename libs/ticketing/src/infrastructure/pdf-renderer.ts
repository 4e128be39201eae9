import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toString } from 'qrcode';
import { TicketDocument } from '../application/ticket-document';

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
  create(buffer: Uint8Array): object;
  registerFormat(format: unknown): void;
};

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
 * takes its own subset of it), so each face is parsed once per process. pdfmake is handed a
 * small token in its virtual file system instead of the font file; fontkit tries its own
 * formats first, which all refuse the token, then this one, which answers with the parsed font.
 */
const TOKEN = Buffer.from('parsed-font:');
const parsedFaces = new Map<string, object>();

function ParsedFont(stream: { buffer: Uint8Array }): object {
  const name = Buffer.from(stream.buffer).subarray(TOKEN.length).toString();
  const font = parsedFaces.get(name);
  if (!font) throw new Error(`no parsed font ${name}`);
  return font;
}
ParsedFont.probe = (buffer: Uint8Array) =>
  buffer.length > TOKEN.length && Buffer.from(buffer.subarray(0, TOKEN.length)).equals(TOKEN);

let fontsParsed = false;
function useParsedRoboto(): Record<string, string> {
  if (!fontsParsed) {
    fontkit.registerFormat(ParsedFont);
    for (const file of Object.values(FACES)) {
      parsedFaces.set(file, fontkit.create(readFileSync(join(ROBOTO, file))));
      pdfmake.virtualfs.writeFileSync(file, Buffer.concat([TOKEN, Buffer.from(file)]));
    }
    fontsParsed = true;
  }
  return FACES;
}

export interface PrintableTable {
  title: string;
  subtitle: string;
  columns: string[];
  rows: string[][];
  footer: string;
}

/**
 * Renders tickets as A4 PDFs with pdfmake. Roboto is embedded: the 14 standard PDF fonts cannot
 * draw Vietnamese. Nothing is fetched from the network and only the fonts (and the configured
 * logo) are read from disk.
 */
export class PdfRenderer {
  private readonly logo?: string;

  constructor(logoFile?: string) {
    pdfmake.setFonts({ Roboto: useParsedRoboto() });
    // Fonts come from the virtual file system; nothing else is read, nor fetched.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    if (logoFile) {
      const bytes = readFileSync(logoFile);
      const type = bytes[0] === 0x89 ? 'png' : 'jpeg';
      this.logo = `data:image/${type};base64,${bytes.toString('base64')}`;
    }
  }

  async render(ticket: TicketDocument): Promise<Buffer> {
    // Each code as one SVG path (one fill), not a drawing operation per module.
    const codes = await Promise.all(
      ticket.passengers.map((p) =>
        toString(p.qrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      ),
    );
    return pdfmake.createPdf(this.definition(ticket, codes)).getBuffer();
  }

  /** A printable A4 landscape list (e.g. a boarding manifest): a title, a line under it, a table. */
  renderTable(table: PrintableTable): Promise<Buffer> {
    return pdfmake
      .createPdf({
        pageSize: 'A4',
        pageOrientation: 'landscape',
        pageMargins: [30, 30, 30, 40],
        info: { title: table.title },
        content: [
          { text: table.title, fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
          { text: table.subtitle, fontSize: 10, color: '#444444', margin: [0, 0, 0, 12] },
          {
            table: {
              headerRows: 1,
              widths: table.columns.map((_, i) => (i === 1 ? '*' : 'auto')),
              body: [
                table.columns.map((text) => ({ text, bold: true, fillColor: '#eeeeee' })),
                ...table.rows,
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 9,
          },
        ],
        footer: (page: number, pages: number) => ({
          text: `${table.footer} · ${page}/${pages}`,
          fontSize: 8,
          color: '#666666',
          margin: [30, 10, 30, 0],
        }),
        defaultStyle: { font: 'Roboto' },
      })
      .getBuffer();
  }

  private definition(ticket: TicketDocument, codes: string[]): object {
    const color = ticket.brand.color;
    const label = (text: string) => ({ text, style: 'label' });
    const qrBlocks = ticket.passengers.map((p, i) => ({
      stack: [
        { svg: codes[i], width: 150, margin: [0, 0, 0, 4] },
        { text: `Seat ${p.seatNumber}`, bold: true },
        { text: p.fullName, fontSize: 9 },
      ],
      unbreakable: true,
      margin: [0, 0, 0, 12],
    }));
    const qrRows: object[] = [];
    for (let i = 0; i < qrBlocks.length; i += 3) {
      const row: object[] = qrBlocks.slice(i, i + 3);
      while (row.length < 3) row.push({ text: '' });
      qrRows.push({ columns: row, columnGap: 12 });
    }
    return {
      pageSize: 'A4',
      pageOrientation: 'portrait',
      pageMargins: [40, 40, 40, 50],
      info: {
        title: `E-ticket ${ticket.reference}`,
        author: ticket.brand.name,
        subject: `${ticket.trip.route}, ${ticket.trip.date}`,
      },
      ...(ticket.void
        ? { watermark: { text: 'VOID — CANCELLED', color: '#c00000', opacity: 0.25, bold: true } }
        : {}),
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
      styles: {
        brand: { fontSize: 20, bold: true, color },
        heading: { fontSize: 12, bold: true, color, margin: [0, 14, 0, 6] },
        label: { fontSize: 8, color: '#666666' },
        reference: { fontSize: 18, bold: true, characterSpacing: 1 },
        tableHeader: { bold: true, color: '#ffffff', fillColor: color },
      },
      footer: (page: number, pages: number) => ({
        columns: [
          { text: `${ticket.brand.name} · ${ticket.brand.contact}`, fontSize: 8, color: '#666666' },
          { text: `${page} / ${pages}`, alignment: 'right', fontSize: 8, color: '#666666' },
        ],
        margin: [40, 16, 40, 0],
      }),
      content: [
        {
          columns: [
            this.logo ? { image: this.logo, fit: [60, 60], width: 70 } : { text: '', width: 0 },
            {
              stack: [
                { text: ticket.brand.name, style: 'brand' },
                { text: 'E-TICKET', bold: true },
              ],
            },
            {
              width: 'auto',
              stack: [
                label('Booking reference'),
                { text: ticket.reference, style: 'reference' },
                label('Status'),
                {
                  text: ticket.void ? 'CANCELLED — VOID' : ticket.status.toUpperCase(),
                  bold: true,
                },
              ],
            },
          ],
        },
        { text: 'Trip', style: 'heading' },
        {
          table: {
            widths: ['*', '*', '*'],
            body: [
              [
                { stack: [label('Route'), { text: ticket.trip.route, bold: true }] },
                { stack: [label('Date'), ticket.trip.date] },
                {
                  stack: [
                    label('Departure – arrival'),
                    `${ticket.trip.departureTime} – ${ticket.trip.arrivalTime}`,
                  ],
                },
              ],
              [
                { stack: [label('Bus'), ticket.trip.bus] },
                { stack: [label('Plate'), ticket.trip.plateNumber] },
                { stack: [label('Seats'), ticket.passengers.map((p) => p.seatNumber).join(', ')] },
              ],
            ],
          },
          layout: 'lightHorizontalLines',
        },
        { text: 'Passengers', style: 'heading' },
        {
          table: {
            headerRows: 1,
            widths: ['auto', '*', 'auto', 'auto', 'auto'],
            body: [
              ['Seat', 'Name', 'Type', 'ID', 'Number'].map((text) => ({
                text,
                style: 'tableHeader',
              })),
              ...ticket.passengers.map((p) => [
                p.seatNumber,
                p.fullName,
                p.passengerType,
                p.idType,
                p.idNumberMasked,
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        },
        { text: 'Fare', style: 'heading' },
        {
          table: {
            headerRows: 1,
            widths: ['auto', 'auto', '*', '*', '*', '*'],
            body: [
              ['Seat', 'Passenger', 'Fare', 'Discount', 'Net', 'VAT'].map((text) => ({
                text,
                style: 'tableHeader',
              })),
              ...ticket.fares.lines.map((l) => [
                l.seatNumber,
                l.passengerType,
                l.base,
                l.discount,
                l.net,
                l.tax,
              ]),
              [
                { text: 'Subtotal', colSpan: 4 },
                '',
                '',
                '',
                { text: ticket.fares.subtotal, colSpan: 2 },
                '',
              ],
              [{ text: 'VAT', colSpan: 4 }, '', '', '', { text: ticket.fares.tax, colSpan: 2 }, ''],
              [
                { text: 'Total', colSpan: 4, bold: true },
                '',
                '',
                '',
                { text: ticket.fares.total, colSpan: 2, bold: true },
                '',
              ],
            ],
          },
          layout: 'lightHorizontalLines',
        },
        {
          text: 'Boarding passes',
          style: 'heading',
          pageBreak: ticket.passengers.length > 3 ? 'before' : undefined,
        },
        {
          text: 'Show one code per passenger to the driver.',
          style: 'label',
          margin: [0, 0, 0, 8],
        },
        ...qrRows,
        { text: 'Terms', style: 'heading' },
        { text: ticket.brand.terms, fontSize: 8, color: '#444444' },
      ],
    };
  }
}
