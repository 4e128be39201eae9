import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { confirmSeatChange } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { seatChangeContext, seatChangeEffect } from '../../seat-changes';
import { SeatChangeView } from '../change-seat/change-seat.command';
import { seatChangeView } from '../change-seat/change-seat.handler';
import { ConfirmSeatChangeCommand } from './confirm-seat-change.command';

/**
 * The dearer seat's difference is paid: the passenger moves, the new seat (free, or held by the
 * caller) taken and the old one given back in one append. Paying twice changes nothing.
 */
@CommandHandler(ConfirmSeatChangeCommand)
export class ConfirmSeatChangeHandler implements ICommandHandler<
  ConfirmSeatChangeCommand,
  SeatChangeView
> {
  constructor(
    private readonly writer: BookingWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    caller,
    bookingId,
    changeId,
    payment,
  }: ConfirmSeatChangeCommand): Promise<SeatChangeView> {
    const { booking, events } = await this.writer.change(bookingId, caller, (current, now) =>
      seatChangeEffect(
        current,
        confirmSeatChange(
          { bookingId, changeId, ...payment },
          current,
          seatChangeContext(this.config.booking, now),
        ),
      ),
    );
    if (events.length > 0) return seatChangeView(bookingId, events);
    // Paid already: the change as it was made.
    const done = booking.seatChanges!.find((c) => c.changeId === changeId)!;
    return {
      changeId,
      bookingId,
      passengerId: done.passengerId,
      fromSeat: done.fromSeat,
      toSeat: done.toSeat,
      status: 'changed',
      price: booking.price,
    };
  }
}
