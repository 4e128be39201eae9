import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { ErrorCode } from '@app/errors';

/** Why a scanned ticket is not valid; boarding on it is refused with the same code. */
export const TICKET_REFUSALS = [
  'ticket.signature_invalid',
  'ticket.unknown',
  'ticket.other_trip',
  'ticket.not_paid',
  'ticket.void',
  'ticket.trip_completed',
  'ticket.seat_changed',
  'ticket.revoked',
  'ticket.not_valid',
] as const satisfies readonly ErrorCode[];
export type TicketRefusal = (typeof TICKET_REFUSALS)[number];

export interface TicketCheck {
  valid: boolean;
  /** Why not, as a problem code: ticket.signature_invalid, ticket.void, ticket.not_paid, … */
  reason?: TicketRefusal;
  ticket?: {
    reference: string;
    bookingId: string;
    tripId: string;
    departureAt: string;
    seatNumber: string;
    passengerIndex: number;
    fullName?: string;
    passengerType?: string;
    bookingStatus?: string;
    boarded: boolean;
  };
  /** With `board: true`: when the passenger was let on. */
  boardedAt?: string;
}

/** A scanned QR: signature, booking status and trip; `board` records boarding (once). */
export class VerifyTicketCommand extends Command<TicketCheck> {
  constructor(
    readonly actor: Actor,
    readonly payload: string,
    readonly board: boolean,
    /** When given, the scanner's trip: a ticket of another trip is refused. */
    readonly tripId?: string,
  ) {
    super();
  }
}
