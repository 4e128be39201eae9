import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Booking, BookingReader } from '@app/booking-domain';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { SeatBookings } from '@app/seating';
import { ETicketArchive } from '../infrastructure/e-ticket.archive';
import { renderTicketHtml } from '../infrastructure/html-renderer';
import { PdfRenderer } from '../infrastructure/pdf-renderer';
import { TicketSigner } from '../infrastructure/ticket-signer';
import { brandingOf, ticketDocument, TicketDocument } from './ticket-document';

/** Tickets exist for paid bookings; a cancelled one's ticket is void. */
export function requireTicketable(booking: Booking): void {
  if (booking.status === 'confirmed' || booking.status === 'completed') return;
  const code = booking.status === 'cancelled' ? 'ticket.void' : 'ticket.not_available';
  const detail =
    booking.status === 'cancelled'
      ? 'The booking is cancelled; its ticket is void.'
      : 'The booking is not paid yet; its ticket is issued on confirmation.';
  throw new DomainError(code, detail, {
    extensions: { currentStatus: booking.status },
  });
}

/**
 * Builds a booking's ticket and keeps its PDF: the archived bytes are served again as long as
 * the ticket's content (hash of everything it shows) is unchanged.
 */
@Injectable()
export class TicketIssuer {
  constructor(
    readonly bookings: BookingReader,
    private readonly seats: SeatBookings,
    private readonly archive: ETicketArchive,
    private readonly signer: TicketSigner,
    private readonly renderer: PdfRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async document(booking: Booking): Promise<TicketDocument> {
    const trip = await this.seats.trip(booking.tripId);
    return ticketDocument(
      booking,
      trip,
      this.signer,
      brandingOf(this.config),
      this.config.catalog.timeZone,
    );
  }

  /** The PDF (archived, or rendered and archived) and the ticket document it shows. */
  async pdf(
    booking: Booking,
  ): Promise<{ pdf: Buffer; ticket: TicketDocument; generatedAt: Date; fresh: boolean }> {
    requireTicketable(booking);
    const ticket = await this.document(booking);
    const hash = createHash('sha256').update(JSON.stringify(ticket)).digest('hex');
    const archived = await this.archive.find(booking.bookingId);
    if (archived && archived.contentHash === hash && !archived.voidAt) {
      return { pdf: archived.pdf, ticket, generatedAt: archived.generatedAt, fresh: false };
    }
    const pdf = await this.renderer.render(ticket);
    const generatedAt = this.clock.now();
    await this.archive.store(booking.bookingId, hash, pdf, generatedAt);
    return { pdf, ticket, generatedAt, fresh: true };
  }

  async html(booking: Booking): Promise<string> {
    requireTicketable(booking);
    return renderTicketHtml(await this.document(booking));
  }

  markVoid(bookingId: string): Promise<void> {
    return this.archive.markVoid(bookingId, this.clock.now());
  }
}
