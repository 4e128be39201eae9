/* eslint-disable no-console */
import { cpus } from 'node:os';
import { PdfRenderer, TicketSigner, ticketKeyFrom } from '@app/ticketing';
import { sampleTicket } from '../../test/utils/tickets';
import { percentile, round } from '../lib/stats';

/**
 * E-ticket PDF generation in this process: RUNS renders of a 1-passenger and of a 5-passenger
 * ticket (pdfmake, Roboto embedded, one QR per passenger); median, p99 and memory.
 *   npm run bench:tickets
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const signer = new TicketSigner(ticketKeyFrom(Buffer.alloc(32, 3).toString('base64')));
const ticket = (passengers: number, n: number) =>
  sampleTicket(signer, passengers, {}, `BUS20261125BENCH${String(n).padStart(5, '0')}`);

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
