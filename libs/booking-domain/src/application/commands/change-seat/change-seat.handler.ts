import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SeatBookings, seatPrice } from '@app/seating';
import { requestSeatChange } from '../../../domain/booking.decide';
import { BookingErrors } from '../../../domain/booking.errors';
import { BookingEvent } from '../../../domain/booking.events';
import { priceSeats } from '../../../domain/pricing';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { requireAccess } from '../../booking-access';
import { pricingPolicyOf } from '../../booking-policy';
import { seatChangeContext, seatChangeEffect } from '../../seat-changes';
import { BookingWriter } from '../../booking.writer';
import { PAYMENT_GATEWAY, PaymentGateway } from '../../payments/payment-gateway';
import { ChangeSeatCommand, SeatChangeView } from './change-seat.command';

/**
 * Moves a paid booking's passenger to another seat. The same or a cheaper fare moves at once:
 * the new seat (free, or held by the caller) is taken and the old one given back in the same
 * append, never a moment with both or neither. A dearer one waits for its difference.
 */
@CommandHandler(ChangeSeatCommand)
export class ChangeSeatHandler implements ICommandHandler<ChangeSeatCommand, SeatChangeView> {
  constructor(
    private readonly writer: BookingWriter,
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  async execute({
    caller,
    bookingId,
    passengerId,
    toSeatNumber,
  }: ChangeSeatCommand): Promise<SeatChangeView> {
    const changeId = randomUUID();
    const known = requireAccess(caller, await this.bookings.find(bookingId), bookingId);
    const trip = await this.seats.trip(known.tripId);
    const { booking, events } = await this.writer.change(bookingId, caller, (current, now) => {
      const seat = trip.seats.find((s) => s.seatNumber === toSeatNumber);
      if (!seat) {
        throw BookingErrors.invalidRequest([
          {
            code: 'seat.unknown',
            field: 'toSeatNumber',
            rule: 'seatOfTheBus',
            message: `${toSeatNumber} is not a seat of this bus`,
          },
        ]);
      }
      const passenger = current.passengers.find((p) => p.passengerId === passengerId);
      const [newLine] = priceSeats(
        [
          {
            seatNumber: toSeatNumber,
            passengerType: passenger?.passengerType ?? 'adult',
            fare: seatPrice(seat, trip.fares),
          },
        ],
        pricingPolicyOf(this.config.booking),
      ).lines;
      const decided = requestSeatChange(
        { bookingId, changeId, passengerId, toSeatNumber, newLine },
        current,
        seatChangeContext(this.config.booking, now),
      );
      return seatChangeEffect(current, decided);
    });
    const view = seatChangeView(booking.bookingId, events);
    if (view.status !== 'awaiting_payment') return view;
    return {
      ...view,
      payment: this.gateway.startSeatChange(booking, { changeId, amountDue: view.amountDue! }),
    };
  }
}

export function seatChangeView(bookingId: string, events: BookingEvent[]): SeatChangeView {
  const event = events[0];
  if (event?.type !== 'SeatChanged' && event?.type !== 'SeatChangeRequested') {
    throw new Error(`unexpected ${event?.type}`);
  }
  const { changeId, passengerId, fromSeat, toSeat, price } = event.data;
  const view: SeatChangeView = {
    changeId,
    bookingId,
    passengerId,
    fromSeat,
    toSeat,
    price,
    status: 'changed',
  };
  if (event.type === 'SeatChangeRequested') {
    return {
      ...view,
      status: 'awaiting_payment',
      amountDue: event.data.amountDue,
      expiresAt: event.data.expiresAt,
    };
  }
  return event.data.refund ? { ...view, refund: event.data.refund } : view;
}
