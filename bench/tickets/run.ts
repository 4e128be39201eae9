/* eslint-disable no-console */
import { cpus } from 'node:os';
import { PdfRenderer, TicketDocument, TicketSigner, ticketKeyFrom } from '@app/ticketing';
import { percentile, round } from '../lib/stats';

/**
 * E-ticket PDF generation in this process: RUNS renders of a 1-passenger and of a 5-passenger
 * ticket (pdfmake, Roboto embedded, one QR per passenger); median, p99 and memory.
 *   npm run bench:tickets
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const signer = new TicketSigner(ticketKeyFrom(Buffer.alloc(32, 3).toString('base64')));
const names = [
  'Nguyễn Thị Ánh',
  'Trần Văn Bình',
  'Lê Hoàng Yến',
  'Phạm Đức Thắng',
  'Võ Thị Ngọc Hân',
];

function ticket(passengers: number, n: number): TicketDocument {
  const reference = `BUS20261125BENCH${String(n).padStart(5, '0')}`;
  return {
    brand: {
      name: 'VéXe Bus Lines',
      color: '#0b5394',
      contact: 'support@vexe.example',
      terms: 'Terms apply.',
    },
    reference,
    bookingId: crypto.randomUUID(),
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
        ref: reference,
        bid: 'b',
        trip: 't',
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
  };
}

async function measure(renderer: PdfRenderer, passengers: number) {
  for (let i = 0; i < 10; i++) await renderer.render(ticket(passengers, i)); // warm-up
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const pdf = await renderer.render(ticket(passengers, i));
    times.push(performance.now() - t0);
    bytes += pdf.length;
  }
  return {
    passengers,
    'median ms': round(percentile(times, 50)),
    'p99 ms': round(percentile(times, 99)),
    'PDF KiB': round(bytes / RUNS / 1024),
    'RSS growth MiB': round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
  };
}

async function main(): Promise<void> {
  const renderer = new PdfRenderer();
  const rows = [await measure(renderer, 1), await measure(renderer, 5)];
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(
    `${RUNS} renders each, one after another; RSS ${round(process.memoryUsage().rss / 2 ** 20)} MiB at the end`,
  );
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
