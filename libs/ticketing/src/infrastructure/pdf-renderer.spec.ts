import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TicketDocument } from '../application/ticket-document';
import { PdfRenderer } from './pdf-renderer';
import { TicketSigner, ticketKeyFrom } from './ticket-signer';

const signer = new TicketSigner(ticketKeyFrom(Buffer.alloc(32, 7).toString('base64')));
const names = [
  'Nguyễn Thị Ánh',
  'Trần Văn Bình',
  'Lê Hoàng Yến',
  'Phạm Đức Thắng',
  'Võ Thị Ngọc Hân',
];

function ticketOf(passengers: number, overrides: Partial<TicketDocument> = {}): TicketDocument {
  return {
    brand: {
      name: 'VéXe Bus Lines',
      color: '#0b5394',
      contact: 'support@vexe.example',
      terms: 'Be there 30 minutes early. Điều khoản áp dụng.',
    },
    reference: 'BUS20261125K7QM4XAB3C9',
    bookingId: '5c6f3d43-7d1e-4d2a-9a0c-4c0a9d1a2b3c',
    status: 'confirmed',
    void: false,
    trip: {
      route: 'Hà Nội – Sa Pa',
      date: 'Thu, 26 November 2026',
      departureTime: '21:00',
      arrivalTime: '03:00',
      bus: 'Sapa Express Sleeper',
      plateNumber: '29B-79243',
    },
    passengers: names.slice(0, passengers).map((fullName, index) => ({
      index,
      seatNumber: `A0${index + 1}`,
      fullName,
      passengerType: 'Adult',
      idType: 'Citizen ID',
      idNumberMasked: '••••••••6789',
      qrPayload: signer.sign({
        v: 1,
        ref: 'BUS20261125K7QM4XAB3C9',
        bid: '5c6f3d43-7d1e-4d2a-9a0c-4c0a9d1a2b3c',
        trip: 'trip-1',
        dep: '2026-11-26T14:00:00.000Z',
        seat: `A0${index + 1}`,
        pax: index,
      }),
    })),
    fares: {
      lines: names.slice(0, passengers).map((_, i) => ({
        seatNumber: `A0${i + 1}`,
        passengerType: 'Adult',
        base: '450.000 ₫',
        discount: '0 ₫',
        net: '450.000 ₫',
        tax: '45.000 ₫',
      })),
      subtotal: '450.000 ₫',
      tax: '45.000 ₫',
      total: '495.000 ₫',
    },
    ...overrides,
  };
}

describe('PdfRenderer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ticket-'));
  const renderer = new PdfRenderer();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
});
