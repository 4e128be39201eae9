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
};

const ROBOTO = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONT_FILES = {
  normal: join(ROBOTO, 'Roboto-Regular.ttf'),
  bold: join(ROBOTO, 'Roboto-Medium.ttf'),
  italics: join(ROBOTO, 'Roboto-Italic.ttf'),
  bolditalics: join(ROBOTO, 'Roboto-MediumItalic.ttf'),
};

/**
 * Renders tickets as A4 PDFs with pdfmake. Roboto is embedded: the 14 standard PDF fonts cannot
 * draw Vietnamese. Nothing is fetched from the network and only the fonts (and the configured
 * logo) are read from disk.
 */
export class PdfRenderer {
  private readonly logo?: string;

  constructor(logoFile?: string) {
    pdfmake.setFonts({ Roboto: FONT_FILES });
    pdfmake.setUrlAccessPolicy(() => false);
    const allowed = new Set(Object.values(FONT_FILES));
    pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
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
