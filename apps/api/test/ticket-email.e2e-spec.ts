import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook, passengerFor } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { readPdf } from '../../../test/utils/pdf';
import { describeWithRedis, itWithPdfTools } from '../../../test/utils/requirements';
import { TestSmtpServer } from '../../../test/utils/smtp';
import { freePort } from '../../../test/utils/ports';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('E-ticket e-mail through BullMQ (Redis)', () => ticketEmail({}));
describe('E-ticket e-mail in process (no Redis)', () => ticketEmail({ REDIS_URL: '' }));

function ticketEmail(overrides: Record<string, string>): void {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let admin: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    server = await startTestServer(
      {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        TICKET_EMAIL_BACKOFF_MS: '300',
        TICKET_EMAIL_ATTEMPTS: '8',
        BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
        ...overrides,
      },
      { withWorker: true },
    );
    admin = await tokenFor(server.config, ['admin']);
  });
  afterAll(async () => {
    await server?.close(); // undefined when beforeAll failed
    await smtp?.stop();
  });

  async function confirm(user: string, contactEmail: string) {
    const tripId = await createTrip(server.baseUrl, admin);
    const created = await lockAndBook(server.baseUrl, user, tripId, ['S2', 'S3'], {
      passengers: [
        passengerFor('S2', { fullName: 'Nguyễn Thị Ánh', email: `first.${contactEmail}` }),
        passengerFor('S3', { fullName: 'Trần Văn Bình', email: undefined }),
      ],
      contact: { email: contactEmail, phone: '+84912000111' },
    });
    expect(created.status).toBe(201);
    await confirmBooking(server.baseUrl, user, created.body.bookingId);
    return created.body;
  }

  itWithPdfTools(
    'sends the confirmation with the PDF attached to the contact and the passengers',
    async () => {
      await smtp.start();
      try {
        const user = await tokenFor(server.config, ['user']);
        const contact = `contact.${Date.now()}@example.com`;
        const booking = await confirm(user, contact);
        const mail = await smtp.waitFor(
          (m) => m.subject?.includes(booking.bookingReference) ?? false,
        );
        const to = (Array.isArray(mail.to) ? mail.to : [mail.to!]).flatMap((a) =>
          a.value.map((v) => v.address),
        );
        expect(to.sort()).toEqual([contact, `first.${contact}`].sort());
        expect(mail.text).toContain(booking.bookingReference);
        expect(mail.attachments).toHaveLength(1);
        expect(mail.attachments[0]).toMatchObject({
          contentType: 'application/pdf',
          filename: `e-ticket-${booking.bookingReference}.pdf`,
        });
        const { text, qrCodes } = readPdf(mail.attachments[0].content);
        expect(text).toContain(booking.bookingReference);
        expect(text).toContain('Nguyễn Thị Ánh');
        expect(qrCodes).toHaveLength(2);

        const resend = await http(
          server.baseUrl,
          'POST',
          `/bookings/${booking.bookingId}/email-ticket`,
          {
            token: user,
          },
        );
        expect(resend.status).toBe(202);
        expect(resend.body.jobId).toContain(booking.bookingId);
        await sleep(100);
        const deadline = Date.now() + 10_000;
        while (
          smtp.received.filter((m) => m.subject?.includes(booking.bookingReference)).length < 2
        ) {
          if (Date.now() > deadline) throw new Error('the resend did not arrive');
          await sleep(50);
        }
      } finally {
        await smtp.stop();
      }
    },
  );

  it('retries while the SMTP server is down and delivers once it is back; the history shows both', async () => {
    const user = await tokenFor(server.config, ['user']);
    const contact = `down.${Date.now()}@example.com`;
    const booking = await confirm(user, contact); // no SMTP server listening
    const history = () =>
      http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}/history`, { token: user }).then(
        (r) => r.body.entries as { type: string; details: any }[],
      );
    const deadline = Date.now() + 15_000;
    while (!(await history()).some((e) => e.type === 'TicketEmailFailed')) {
      if (Date.now() > deadline) throw new Error('no failed attempt recorded');
      await sleep(100);
    }
    await smtp.start();
    try {
      const mail = await smtp.waitFor(
        (m) => m.subject?.includes(booking.bookingReference) ?? false,
        20_000,
      );
      expect(mail.attachments[0].contentType).toBe('application/pdf');
      // Recorded once the server's answer reached the worker: wait for it, then count.
      let entries = await history();
      for (const until = Date.now() + 15_000; !entries.some((e) => e.type === 'TicketEmailed');) {
        if (Date.now() > until) throw new Error('the sent mail was not recorded');
        await sleep(100);
        entries = await history();
      }
      const failed = entries.filter((e) => e.type === 'TicketEmailFailed');
      const sent = entries.filter((e) => e.type === 'TicketEmailed');
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed[0].details).toMatchObject({ attempt: 1, willRetry: true });
      expect(sent).toHaveLength(1);
      expect(sent[0].details.attempt).toBe(failed.length + 1);
      expect(JSON.stringify(entries)).not.toContain(contact); // masked in the history
    } finally {
      await smtp.stop();
    }
  });
}
