import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { PassengerInput } from '../../../domain/booking-request';
import type { BookingView } from '../../booking.view';

export interface ModifyBookingInput {
  /** The booking's seats after the change; passengers move seat by seat when omitted. */
  seatNumbers?: string[];
  passengers?: PassengerInput[];
}

export class ModifyBookingCommand extends Command<BookingView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly input: ModifyBookingInput,
  ) {
    super();
  }
}
