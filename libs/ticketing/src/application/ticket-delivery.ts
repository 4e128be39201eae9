import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BookingReader, RecordTicketEmailCommand } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDomainError } from '@app/errors';
import { UnrecoverableError } from '@app/jobs';
import { Mailbox, messageIdOf } from '@app/mail';
import { maskEmail, PiiCipher } from '@app/privacy';
import { TicketIssuer } from './ticket-issuer';

/**
 * E-mails a booking's e-ticket (PDF attached) to the contact and to passengers with an e-mail,
 * and records each attempt's outcome in the booking's history. With no SMTP server configured
 * the Mailbox files the message in the outbox.
 */
@Injectable()
export class TicketDelivery {
  private readonly logger = new Logger(TicketDelivery.name);

  constructor(
    private readonly bookings: BookingReader,
    private readonly issuer: TicketIssuer,
    private readonly mailbox: Mailbox,
    private readonly cipher: PiiCipher,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One attempt; throws (after recording the failure) so the job is retried, or an
   * `UnrecoverableError` when retrying cannot help. Delivery is at least once: a process that
   * dies between the SMTP server's acceptance and the record sends again, with the same
   * Message-ID, so mail clients recognise the duplicate. A confirmation's mail already recorded
   * as sent (a job queued again by the sweep) is not sent twice.
   */
  async deliver(bookingId: string, { attempt, maxAttempts, key }: DeliveryAttempt): Promise<void> {
    try {
      const booking = await this.bookings.find(bookingId);
      if (!booking) throw new Error(`booking ${bookingId} not found`);
      if (key === CONFIRMATION_MAIL && booking.ticketMail === 'sent') return;
      const changed = key?.startsWith(CHANGE_MAIL_PREFIX) === true;
      const { pdf, ticket } = await this.issuer.pdf(booking);
      const recipients = [
        ...new Set([
          this.cipher.open(booking.contact.email),
          ...booking.passengers.flatMap((p) => (p.email ? [this.cipher.open(p.email)] : [])),
        ]),
      ];
      const { messageId } = await this.mailbox.send(
        {
          messageId: key ? ticketMessageId(bookingId, key, this.config.mail.from) : undefined,
          to: recipients,
          subject: `Your ${changed ? 'updated ' : ''}e-ticket ${booking.reference} – ${ticket.trip.route}, ${ticket.trip.date}`,
          text:
            (changed
              ? 'Your booking has changed: the e-ticket attached replaces the one sent before, ' +
                'whose QR codes are no longer valid for the passengers who left.\n\n'
              : '') +
            `Booking reference: ${booking.reference}\n` +
            `${ticket.trip.route}, ${ticket.trip.date}, departure ${ticket.trip.departureTime}\n` +
            `Seats: ${booking.seatNumbers.join(', ')}\nTotal: ${ticket.fares.total}\n\n` +
            `Your e-ticket is attached: show one QR code per passenger when boarding.\n\n` +
            `${this.config.brand.name} · ${this.config.brand.contact}`,
          attachments: [
            {
              filename: `e-ticket-${booking.reference}.pdf`,
              content: pdf,
              contentType: 'application/pdf',
            },
          ],
        },
        booking.reference,
      );
      await this.commands.execute(
        new RecordTicketEmailCommand(bookingId, {
          sent: true,
          recipients: recipients.map(maskEmail),
          messageId,
          attempt,
        }),
      );
    } catch (error) {
      const reason = failureReason(error);
      // A refusal (the booking was cancelled meanwhile) will not change by retrying.
      const final = isDomainError(error);
      const willRetry = !final && attempt < maxAttempts;
      this.logger.warn(
        `e-mailing the ticket of ${bookingId} failed (attempt ${attempt}): ${reason}`,
      );
      await this.commands
        .execute(
          new RecordTicketEmailCommand(bookingId, { sent: false, reason, attempt, willRetry }),
        )
        .catch(() => undefined);
      throw final ? new UnrecoverableError(reason) : error;
    }
  }
}

/** The key of the delivery a confirmation owes (one per booking). */
export const CONFIRMATION_MAIL = 'confirmation';
/** Keys of the deliveries a change of a paid booking owes start with this. */
export const CHANGE_MAIL_PREFIX = 'change-';

export interface DeliveryAttempt {
  attempt: number;
  maxAttempts: number;
  /** The delivery's key: every attempt of one delivery carries the same Message-ID. */
  key?: string;
}

/** `<ticket.{bookingId}.{key}@{the sender's domain}>`: one Message-ID per delivery. */
export function ticketMessageId(bookingId: string, key: string, from: string): string {
  return messageIdOf(`ticket.${bookingId}.${key.replace(/[^A-Za-z0-9-]/g, '')}`, from);
}

/**
 * Why an attempt failed, fit for the history and the logs: SMTP servers quote the rejected
 * address in their reply, so e-mail addresses are masked.
 */
export function failureReason(error: unknown): string {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const message = (e.message ?? String(error)).replace(/[^\s<>"'@]+@[^\s<>"']+/g, (address) =>
    maskEmail(address),
  );
  const code = e.responseCode ? `SMTP ${e.responseCode}` : e.code;
  return `${code ? `${code}: ` : ''}${message}`.slice(0, 300);
}
