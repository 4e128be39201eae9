import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GuestTokenIssuer } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Mailbox, messageIdOf } from '@app/mail';
import { PiiCipher } from '@app/privacy';
import { GetTripQuery, WaitlistOffered, WaitlistRepository } from '@app/seating';
import { localTime } from '../mail/local-time';

/** Time to book after the offer lapses, for a guest who opened the link just before. */
const LINK_GRACE_SECONDS = 3600;

/**
 * E-mails a waiting party the seats held for it, with a link to book them. A guest's link
 * carries a new token of its guest session (the seats are held by that session), in the URL's
 * fragment so it never reaches a server log. The Message-ID is the offer's: a resend after a
 * crash is recognisable as the same mail.
 */
@Injectable()
export class WaitlistOfferMailer {
  private readonly logger = new Logger('Waitlist');

  constructor(
    private readonly entries: WaitlistRepository,
    private readonly queries: QueryBus,
    private readonly cipher: PiiCipher,
    private readonly mailbox: Mailbox,
    private readonly guestTokens: GuestTokenIssuer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(offer: WaitlistOffered['data']): Promise<void> {
    const entry = await this.entries.find(offer.entryId);
    if (!entry) return; // read models rebuilt without it: nothing to mail
    const trip = await this.queries.execute(new GetTripQuery(offer.tripId));
    let link = `${this.config.http.publicUrl}/trips/${offer.tripId}?offer=${offer.entryId}`;
    if (offer.holder.kind === 'guest') {
      const ttl =
        Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - Date.now()) / 1000)) +
        LINK_GRACE_SECONDS;
      const session = await this.guestTokens.resumeSession(offer.holder.id, ttl);
      link += `#guest=${session.token}`;
    }
    const zone = this.config.catalog.timeZone;
    const departure = localTime(this.config, trip.departureAt);
    const until = localTime(this.config, offer.expiresAt, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const seats = offer.seatNumbers.join(', ');
    await this.mailbox.send(
      {
        messageId: messageIdOf(`waitlist-offer.${offer.entryId}`, this.config.mail.from),
        to: this.cipher.open(entry.contactEmail),
        subject: `Seats for you: ${trip.origin} → ${trip.destination}, ${departure}`,
        text: [
          `Good news from the waiting list: ${
            offer.seatNumbers.length > 1 ? `seats ${seats} are` : `seat ${seats} is`
          } held for you on the coach from ${trip.origin} to ${trip.destination} ` +
            `(${departure}) until ${until} (${zone}).`,
          '',
          `Book here: ${link}`,
          '',
          'If you do not book by then, the seats go to the next traveller on the waiting list.',
          '',
          `— ${this.config.brand.name}`,
        ].join('\n'),
      },
      `waitlist-${offer.entryId}`,
    );
    this.logger.log(`offer of trip ${offer.tripId} mailed (entry ${offer.entryId})`);
  }
}
