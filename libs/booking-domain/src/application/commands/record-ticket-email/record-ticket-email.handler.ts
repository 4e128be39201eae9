import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { ANY_VERSION, PostgresEventStore } from '@app/event-store';
import { BookingEvent, bookingStreamId } from '../../../domain/booking.events';
import { RecordTicketEmailCommand } from './record-ticket-email.command';

/** A fact about delivery, not a decision: appended at whatever version the booking is. */
@CommandHandler(RecordTicketEmailCommand)
export class RecordTicketEmailHandler implements ICommandHandler<RecordTicketEmailCommand, void> {
  constructor(private readonly eventStore: PostgresEventStore) {}

  async execute({ bookingId, outcome }: RecordTicketEmailCommand): Promise<void> {
    const event: BookingEvent = outcome.sent
      ? {
          type: 'TicketEmailed',
          data: {
            bookingId,
            recipients: outcome.recipients,
            messageId: outcome.messageId,
            attempt: outcome.attempt,
          },
        }
      : {
          type: 'TicketEmailFailed',
          data: {
            bookingId,
            reason: outcome.reason,
            attempt: outcome.attempt,
            willRetry: outcome.willRetry,
          },
        };
    await this.eventStore.append(bookingStreamId(bookingId), ANY_VERSION, [event], {
      metadata: { actor: SYSTEM_ACTOR, correlationId: bookingId },
    });
  }
}
