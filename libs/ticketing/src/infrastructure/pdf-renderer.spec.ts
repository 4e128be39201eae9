import { Test } from '@nestjs/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toFile } from 'qrcode';
import { describeWithPdfTools } from '../../../../test/utils/requirements';
import { sampleTicket } from '../../../../test/utils/tickets';
import { TicketDocument } from '../application/ticket-document';
import { PdfRenderer, PrintableTable } from './pdf-renderer';
import { TicketSigner, ticketKeyFrom } from './ticket-signer';

const signer = new TicketSigner(ticketKeyFrom(Buffer.alloc(32, 7).toString('base64')));
const ticketOf = (passengers: number, overrides: Partial<TicketDocument> = {}) =>
  sampleTicket(signer, passengers, overrides);

describeWithPdfTools('PdfRenderer', () => {
  let dir: string;
  const renderer = new PdfRenderer();
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ticket-'))));
  afterAll(async () => {
    await renderer.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const save = async (name: string, ticket: TicketDocument) => {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await renderer.render(ticket));
    return file;
  };

  it('writes an A4 PDF whose text has the reference, Vietnamese names, seats, route and total', async () => {
    const file = await save('one', ticketOf(1));
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(
      /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/,
    );
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    for (const expected of [
      'BUS20261125K7QM4XAB3C9',
      'Nguyễn Thị Ánh',
      'A01',
      'Hà Nội – Sa Pa',
      '495.000 ₫',
      '••••••••6789',
      'VéXe Bus Lines',
      'Điều khoản',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('has one QR code per passenger that decodes (300 DPI) to a payload that verifies', async () => {
    const file = await save('five', ticketOf(5));
    execFileSync('pdftoppm', ['-r', '300', '-png', file, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    // zbarimg exits 4 on a page without codes.
    const decoded = pages.flatMap((page) =>
      spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, page)], {
        encoding: 'utf8',
      })
        .stdout.split('\n')
        .filter(Boolean),
    );
    expect(decoded).toHaveLength(5);
    const claims = decoded.map((payload) => signer.verify(payload));
    expect(claims.map((c) => c?.seat).sort()).toEqual(['A01', 'A02', 'A03', 'A04', 'A05']);

    const payload = decoded[0];
    const [body, signature] = payload.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[bytes.length - 3] ^= 0x01;
    expect(signer.verify(`${bytes.toString('base64url')}.${signature}`)).toBeNull();
    expect(
      signer.verify(`${body}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`),
    ).toBeNull();
  });

  it('marks a cancelled booking’s ticket void', async () => {
    const file = await save('void', ticketOf(1, { void: true, status: 'cancelled' }));
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('VOID');
  });

  it('draws a ticket again, after others, exactly as the first time (words shaped once a thread)', async () => {
    const oneThread = new PdfRenderer(undefined, 1);
    const first = ticketOf(2);
    const others = [ticketOf(5), ticketOf(1, { void: true, status: 'cancelled' })];
    const pdfs: Buffer[] = [];
    try {
      for (const ticket of [first, ...others, first]) pdfs.push(await oneThread.render(ticket));
    } finally {
      await oneThread.close();
    }
    const pages = pdfs.map((pdf, i) => {
      const file = join(dir, `again-${i}.pdf`);
      writeFileSync(file, pdf);
      return execFileSync('pdftoppm', ['-r', '72', '-png', '-singlefile', file]); // to stdout
    });
    expect(pages[3].equals(pages[0])).toBe(true);
    expect(pages[1].equals(pages[0])).toBe(false);
    const text = execFileSync('pdftotext', [join(dir, 'again-3.pdf'), '-']).toString();
    expect(text).toContain('Trần Văn Bình');
    expect(text).not.toContain('Lê Hoàng Yến');
  });

  it('prints the configured logo, and renders tickets in parallel each with its own content', async () => {
    const logo = join(dir, 'logo.png');
    await toFile(logo, 'logo', { width: 120 });
    const branded = new PdfRenderer(logo, 3);
    const tickets = Array.from({ length: 6 }, (_, i) =>
      sampleTicket(signer, 1 + (i % 3), {}, `BUS20261125PARALLEL${i}XYZ`),
    );
    const pdfs = await Promise.all(tickets.map((t) => branded.render(t))).finally(() =>
      branded.close(),
    );
    pdfs.forEach((pdf, i) => {
      const file = join(dir, `parallel-${i}.pdf`);
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain(tickets[i].reference);
      for (const other of tickets.filter((_, j) => j !== i))
        expect(text).not.toContain(other.reference);
      const images = execFileSync('pdfimages', ['-list', file])
        .toString()
        .trim()
        .split('\n')
        .slice(2) // header lines
        .map((line) => line.trim().split(/\s+/)) // page num type width height color comp bpc …
        .filter((columns) => columns[2] === 'image');
      expect(images.filter((columns) => columns[5] === 'rgb')).toHaveLength(1); // the logo
      // the QR codes: 1 bit per pixel
      expect(images.filter((columns) => columns[7] === '1')).toHaveLength(
        tickets[i].passengers.length,
      );
    });
  });
});

describe('PdfRenderer threads', () => {
  const isPdf = (pdf: Buffer) => pdf.subarray(0, 5).toString() === '%PDF-';

  it('starts no thread before the first render, then at most its size', async () => {
    const renderer = new PdfRenderer(undefined, 2);
    try {
      expect(renderer.threads).toHaveLength(0);
      const pdfs = await Promise.all([1, 2, 3].map((n) => renderer.render(ticketOf(n))));
      expect(pdfs.every(isPdf)).toBe(true);
      expect(renderer.threads).toHaveLength(2);
    } finally {
      await renderer.close();
    }
  });

  it('warms up every thread, each answering nothing, then renders on them', async () => {
    const renderer = new PdfRenderer(undefined, 2);
    try {
      await renderer.warmUp();
      const warmed = [...renderer.threads];
      expect(warmed).toHaveLength(2);
      await renderer.warmUp(); // again: the same threads
      expect(isPdf(await renderer.render(ticketOf(1)))).toBe(true);
      expect(renderer.threads).toEqual(warmed);
    } finally {
      await renderer.close();
    }
  });

  it('replaces a thread that dies: its render fails, the next one succeeds', async () => {
    const renderer = new PdfRenderer(undefined, 1);
    try {
      expect(isPdf(await renderer.render(ticketOf(1)))).toBe(true);
      const [dying] = renderer.threads;
      const interrupted = renderer.render(ticketOf(5));
      await dying.terminate();
      await expect(interrupted).rejects.toThrow(/pdf-render: thread exited/);
      expect(renderer.threads).toHaveLength(0);

      const pdf = await renderer.render(ticketOf(2));
      expect(isPdf(pdf)).toBe(true);
      expect(renderer.threads).toHaveLength(1);
      expect(renderer.threads[0]).not.toBe(dying);
    } finally {
      await renderer.close();
    }
  });

  it('leaves no thread running once the Nest application closes', async () => {
    const app = await Test.createTestingModule({
      providers: [{ provide: PdfRenderer, useFactory: () => new PdfRenderer(undefined, 2) }],
    }).compile();
    await app.init();
    const renderer = app.get(PdfRenderer);
    await Promise.all([renderer.render(ticketOf(1)), renderer.renderTable(table)]);
    const threads = [...renderer.threads];
    expect(threads).toHaveLength(2);
    const exited = threads.map((thread) => new Promise((resolve) => thread.once('exit', resolve)));

    await app.close();
    await Promise.all(exited);
    expect(renderer.threads).toHaveLength(0);
    expect(threads.map((thread) => thread.threadId)).toEqual([-1, -1]);
    await expect(renderer.render(ticketOf(1))).rejects.toThrow(/closed/);
  });

  it('keeps pdfmake and fontkit out of the main thread', () => {
    // A process of its own: this one's module registry is jest's.
    const loaded = execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-e',
        `const { PdfRenderer } = require(${JSON.stringify(require.resolve('./pdf-renderer'))});
         new PdfRenderer();
         console.log(Object.keys(require.cache).filter((f) => /node_modules.(pdfmake|pdfkit|fontkit)/.test(f)).length);`,
      ],
      { encoding: 'utf8' },
    );
    expect(loaded.trim()).toBe('0');
  });
});

const table: PrintableTable = {
  title: 'Boarding manifest: Hà Nội – Sa Pa',
  subtitle: 'Thu, 26 November 2026 21:00',
  columns: ['Seat', 'Name'],
  rows: [['A01', 'Nguyễn Thị Ánh']],
  footer: 'Generated now',
};
