import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { recordTicketEmail } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { RecordTicketEmailCommand } from './record-ticket-email.command';

@CommandHandler(RecordTicketEmailCommand)
export class RecordTicketEmailHandler implements ICommandHandler<RecordTicketEmailCommand, void> {
  constructor(private readonly writer: BookingWriter) {}

  async execute({ bookingId, outcome }: RecordTicketEmailCommand): Promise<void> {
    await this.writer.change(bookingId, SYSTEM_ACTOR, (booking, now) => ({
      events: recordTicketEmail({ bookingId, outcome }, booking, { now }),
      seats: { kind: 'none' },
    }));
  }
}
