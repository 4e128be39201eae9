/* eslint-disable no-console */
import { cpus } from 'node:os';
import { PdfRenderer, TicketSigner, ticketKeyFrom } from '@app/ticketing';
import { SMTPServer } from 'smtp-server';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { sampleTicket } from '../../test/utils/tickets';
import { createBenchTrip, startApi } from '../lib/api';
import { stopProcess } from '../lib/processes';
import { reportResult } from '../lib/result';
import { percentile, round } from '../lib/stats';

/**
 * E-ticket PDF generation in this process (PdfRenderer, so in one of its threads, round trip
 * included): RUNS renders of a 1-passenger and of a 5-passenger ticket (pdfmake, Roboto
 * embedded, one QR per passenger); median, p99 and memory. Then, with DATABASE_URL and
 * REDIS_URL, the throughput of the ticket queue.
 *   DATABASE_URL=… REDIS_URL=… npm run bench:tickets
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const API_PORT = 3916;
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

/**
 * The ticket queue end to end: the API with its worker (BullMQ, TICKET_EMAIL_CONCURRENCY
 * deliveries at once, PDFs rendered by PDF_RENDER_THREADS threads) e-mails each confirmed
 * booking's ticket to an SMTP server in this process; tickets e-mailed per second.
 */
async function queueThroughput(bookings: number) {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) return null;
  // Only this run's tickets count: a database used before may owe older tickets, which the
  // worker's sweep sends too.
  const run = crypto.randomUUID().slice(0, 8);
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const ours = session.envelope.rcptTo.some(({ address }) => address.includes(`.${run}.`));
      stream.on('data', () => undefined);
      stream.on('end', () => {
        if (ours) received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(API_PORT + 1, '127.0.0.1', resolve));
  const api = await startApi(
    API_PORT,
    {
      SMTP_URL: `smtp://127.0.0.1:${API_PORT + 1}`,
      BOOKING_RATE_LIMIT_PER_MINUTE: '10000',
      WORKER_GROUP: `bench-${crypto.randomUUID().slice(0, 8)}`,
    },
    ['--with-worker'],
  );
  const base = `http://127.0.0.1:${API_PORT}`;
  try {
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const sign = (roles: ('user' | 'admin')[]) =>
      signPlatformToken({ secret: config.auth.jwtSecret!, sub: crypto.randomUUID(), roles });
    const admin = await sign(['admin']);
    const trips = await Promise.all(
      Array.from({ length: Math.ceil(bookings / 40) }, () => createBenchTrip(base, admin)),
    );
    const post = async (token: string, path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { bookingId?: string };
      if (response.status >= 300)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    // Bookings first, confirmations in one burst: the queue then has them all at once.
    const pending: { token: string; bookingId: string }[] = [];
    for (let i = 0; i < bookings; i++) {
      const token = await sign(['user']);
      const tripId = trips[Math.floor(i / 40)];
      const seat = `S${(i % 40) + 1}`;
      await post(token, '/seats/lock', { tripId, seatNumbers: [seat] });
      const booking = await post(token, '/bookings', {
        tripId,
        seatNumbers: [seat],
        passengers: [
          {
            seatNumber: seat,
            fullName: 'Nguyễn Thị Ánh',
            idType: 'citizen_id',
            idNumber: '079123456789',
            phone: '+84912345678',
            passengerType: 'adult',
          },
        ],
        contact: { email: `bench.${run}.${i}@example.com`, phone: '+84912000111' },
      });
      pending.push({ token, bookingId: booking.bookingId! });
    }
    const started = performance.now();
    await Promise.all(
      pending.map(({ token, bookingId }) =>
        post(token, `/bookings/${bookingId}/confirm`, {
          paymentReference: `PAY-${bookingId}`,
          paymentMethod: 'card',
        }),
      ),
    );
    const deadline = started + 120_000;
    while (received < bookings && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    const { emailConcurrency, pdfRenderThreads } = config.tickets;
    return {
      bookings,
      received,
      seconds: round(seconds, 2),
      perSecond: round(received / seconds),
      setup: `${emailConcurrency} concurrent deliveries, ${pdfRenderThreads} render threads`,
    };
  } finally {
    await stopProcess(api);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  const renderer = new PdfRenderer();
  const rows = [await measure(renderer, 1), await measure(renderer, 5)];
  await renderer.close();
  const queue = await queueThroughput(Number(process.env.BENCH_QUEUE_BOOKINGS ?? 200));
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(
    `${RUNS} renders each, one after another (in a render thread); RSS ${round(process.memoryUsage().rss / 2 ** 20)} MiB at the end`,
  );
  console.table(rows);
  if (queue) {
    console.log(
      `ticket queue (API + worker, BullMQ, ${queue.setup}, SMTP in the bench process): ` +
        `${queue.received}/${queue.bookings} tickets generated and e-mailed in ${queue.seconds} s ` +
        `after the confirmations = ${queue.perSecond} tickets/s`,
    );
  } else {
    console.log('ticket queue: set DATABASE_URL and REDIS_URL to measure it');
  }
  reportResult({
    bench: 'tickets',
    figures: [
      ...rows.map((row) => ({
        id: `tickets.render-${row.passengers}.median`,
        label: `ticket PDF, ${row.passengers} passenger${row.passengers > 1 ? 's' : ''}, median`,
        value: row['median ms'],
        unit: 'ms' as const,
      })),
      ...(queue
        ? [
            {
              id: 'tickets.mail-rate',
              label: `ticket e-mails (render + send) in the worker, ${queue.bookings} tickets`,
              value: queue.perSecond,
              unit: 'tickets/s' as const,
            },
          ]
        : []),
    ],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
