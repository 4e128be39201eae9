import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RecordedEvent } from '@app/event-store';
import { BookingEvent } from '../../../domain/booking.events';
import { Booking, evolve } from '../../../domain/booking.state';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { requireAccess } from '../../booking-access';
import { AuditEntry, BookingHistoryQuery, BookingHistoryView } from './booking-history.query';

const money = (m: { amount: number; currency: string }) => `${m.amount} ${m.currency}`;

function describe(event: RecordedEvent<BookingEvent>): Pick<AuditEntry, 'summary' | 'details'> {
  switch (event.type) {
    case 'BookingCreated':
      return {
        summary: `Booked seats ${event.data.seatNumbers.join(', ')} for ${money(event.data.price.total)}; payable until ${event.data.expiresAt}`,
        details: {
          reference: event.data.reference,
          seatNumbers: event.data.seatNumbers,
          total: event.data.price.total,
          expiresAt: event.data.expiresAt,
        },
      };
    case 'BookingModified':
      return {
        summary: `Changed: seats ${event.data.seatNumbers.join(', ')}${event.data.addedSeats.length ? ` (added ${event.data.addedSeats.join(', ')})` : ''}${event.data.releasedSeats.length ? ` (gave back ${event.data.releasedSeats.join(', ')})` : ''}; total ${money(event.data.price.total)}`,
        details: {
          seatNumbers: event.data.seatNumbers,
          addedSeats: event.data.addedSeats,
          releasedSeats: event.data.releasedSeats,
          passengers: event.data.passengers.map((p) => ({
            seatNumber: p.seatNumber,
            fullName: p.fullName,
            passengerType: p.passengerType,
          })),
          total: event.data.price.total,
        },
      };
    case 'BookingRescheduled':
      return {
        summary: `Trip delayed (${event.data.reason}): departs ${event.data.departureAt} instead of ${event.data.previousDepartureAt}${event.data.freeCancellationUntil ? `; free cancellation until ${event.data.freeCancellationUntil}` : ''}`,
        details: {
          departureAt: event.data.departureAt,
          arrivalAt: event.data.arrivalAt,
          previousDepartureAt: event.data.previousDepartureAt,
          delayMinutes: event.data.delayMinutes,
          ...(event.data.expiresAt ? { expiresAt: event.data.expiresAt } : {}),
          ...(event.data.freeCancellationUntil
            ? { freeCancellationUntil: event.data.freeCancellationUntil }
            : {}),
        },
      };
    case 'BookingConfirmed':
      return {
        summary: `Confirmed: payment ${event.data.paymentReference} (${event.data.paymentMethod}) of ${money(event.data.amount)}`,
        details: {
          paymentReference: event.data.paymentReference,
          paymentMethod: event.data.paymentMethod,
          amount: event.data.amount,
        },
      };
    case 'BookingCancelled':
      return {
        summary: `Cancelled (${event.data.reason}) by ${event.data.cancelledBy}; refund ${money(event.data.refund.amount)} (${event.data.refund.percent} %); seats ${event.data.seatNumbers.join(', ')} freed`,
        details: {
          reason: event.data.reason,
          cancelledBy: event.data.cancelledBy,
          refund: event.data.refund,
          paymentStatus: event.data.paymentStatus,
        },
      };
    case 'PassengerCancelled':
      return {
        summary: `Passenger of seat ${event.data.seatNumber} cancelled (${event.data.reason}) by ${event.data.cancelledBy}; refund ${money(event.data.refund.amount)} (${event.data.refund.percent} %); total now ${money(event.data.price.total)}`,
        details: {
          passengerId: event.data.passengerId,
          seatNumber: event.data.seatNumber,
          reason: event.data.reason,
          cancelledBy: event.data.cancelledBy,
          refund: event.data.refund,
          total: event.data.price.total,
          paymentStatus: event.data.paymentStatus,
        },
      };
    case 'SeatChangeRequested':
      return {
        summary: `Seat change ${event.data.fromSeat} → ${event.data.toSeat} asked for: ${money(event.data.amountDue)} due by ${event.data.expiresAt}`,
        details: {
          changeId: event.data.changeId,
          passengerId: event.data.passengerId,
          fromSeat: event.data.fromSeat,
          toSeat: event.data.toSeat,
          amountDue: event.data.amountDue,
          expiresAt: event.data.expiresAt,
        },
      };
    case 'SeatChanged':
      return {
        summary: `Seat changed ${event.data.fromSeat} → ${event.data.toSeat}${event.data.payment ? `; ${money(event.data.payment.amount)} paid` : ''}${event.data.refund ? `; ${money(event.data.refund.amount)} refunded` : ''}; total ${money(event.data.price.total)}; e-ticket reissued`,
        details: {
          changeId: event.data.changeId,
          passengerId: event.data.passengerId,
          fromSeat: event.data.fromSeat,
          toSeat: event.data.toSeat,
          ...(event.data.payment ? { paid: event.data.payment.amount } : {}),
          ...(event.data.refund ? { refund: event.data.refund } : {}),
          total: event.data.price.total,
          paymentStatus: event.data.paymentStatus,
        },
      };
    case 'BookingCompleted':
      return { summary: 'Completed: the trip has arrived', details: {} };
    case 'TicketEmailed':
      return {
        summary: `E-ticket e-mailed to ${event.data.recipients.join(', ')} (attempt ${event.data.attempt})`,
        details: { recipients: event.data.recipients, attempt: event.data.attempt },
      };
    case 'TicketEmailFailed':
      return {
        summary: `E-mailing the e-ticket failed (attempt ${event.data.attempt}): ${event.data.reason}${event.data.willRetry ? '; will retry' : ''}`,
        details: {
          reason: event.data.reason,
          attempt: event.data.attempt,
          willRetry: event.data.willRetry,
        },
      };
    case 'BookingClaimed':
      return {
        summary: 'Claimed: moved from guest checkout into a registered account',
        details: { owner: event.data.owner },
      };
    case 'GuestAccessGranted':
      return {
        summary: `Guest access granted on proof of the contact ${event.data.contact}${event.data.viaCode ? ' (one-time code)' : ''}, until ${event.data.expiresAt}`,
        details: {
          contact: event.data.contact,
          viaCode: event.data.viaCode,
          expiresAt: event.data.expiresAt,
        },
      };
    case 'PassengerBoarded':
      return {
        summary: `Passenger of seat ${event.data.seatNumber} boarded`,
        details: { seatNumber: event.data.seatNumber },
      };
  }
}

@QueryHandler(BookingHistoryQuery)
export class BookingHistoryHandler implements IQueryHandler<
  BookingHistoryQuery,
  BookingHistoryView
> {
  constructor(private readonly bookings: BookingRepository) {}

  async execute({ caller, bookingId }: BookingHistoryQuery): Promise<BookingHistoryView> {
    const events = await this.bookings.history(bookingId);
    requireAccess(caller, events.reduce<Booking | null>(evolve, null), bookingId);
    return {
      bookingId,
      entries: events.map((event) => ({
        version: event.streamPosition,
        type: event.type,
        at: event.metadata.occurredAt,
        actor: event.metadata.actor,
        ...(event.metadata.reason ? { reason: event.metadata.reason } : {}),
        ...describe(event),
      })),
    };
  }
}
