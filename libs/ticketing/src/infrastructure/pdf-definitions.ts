import type { TicketDocument } from '../application/ticket-document';

/*
 * pdfmake document definitions. Their footers are functions, which cannot be sent to a thread:
 * a render thread builds them from the plain data of a PdfJob.
 */

export interface PrintableTable {
  title: string;
  subtitle: string;
  columns: string[];
  rows: string[][];
  footer: string;
}

/** What a render thread is asked for: plain data, cloned into it. */
export type PdfJob =
  | { kind: 'ticket'; ticket: TicketDocument }
  | { kind: 'table'; table: PrintableTable }
  /** Nothing to render: pdfmake loaded and the fonts parsed, an empty answer. */
  | { kind: 'warm-up' };

/** An A4 ticket; `codes` are the passengers' QR codes and `logo` the logo, as data URLs. */
export function ticketDefinition(ticket: TicketDocument, codes: string[], logo?: string): object {
  const color = ticket.brand.color;
  const label = (text: string) => ({ text, style: 'label' });
  const qrBlocks = ticket.passengers.map((p, i) => ({
    stack: [
      { image: codes[i], width: 150, margin: [0, 0, 0, 4] },
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
          logo ? { image: logo, fit: [60, 60], width: 70 } : { text: '', width: 0 },
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

/** A printable A4 landscape list (e.g. a boarding manifest): a title, a line under it, a table. */
export function tableDefinition(table: PrintableTable): object {
  return {
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
  };
}
