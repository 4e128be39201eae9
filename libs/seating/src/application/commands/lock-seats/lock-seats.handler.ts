import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { callerRef } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { BestSeatsRequest, chooseBestSeats } from '../../../domain/best-seats';
import type { SeatLayout } from '../../../domain/catalog.types';
import { LockSeats, lockSeats } from '../../../domain/seat-allocation.decide';
import { isFreeAt, SeatAllocation } from '../../../domain/seat-allocation.state';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { holderOf, holdPolicyOf, LockView, secondsUntil } from '../../holds';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { LockSeatsCommand } from './lock-seats.command';

@CommandHandler(LockSeatsCommand)
export class LockSeatsHandler implements ICommandHandler<LockSeatsCommand, LockView> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly writer: SeatAllocationWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, tripId, seats, origin }: LockSeatsCommand): Promise<LockView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const facts = {
      seatNumbers: new Set(trip.seats.map((s) => s.seatNumber)),
      departureAt: trip.departureAt,
      maxSeatsPerBooking: trip.maxSeatsPerBooking,
    };
    const holder = holderOf(actor);
    const command: Omit<LockSeats, 'seatNumbers'> = {
      lockId: randomUUID(),
      holder,
      ...(holder.kind === 'guest' && origin ? { origin } : {}),
    };
    const { events } = await this.writer.decide(
      tripId,
      (state, now) => {
        // The best seats are chosen from the allocation the hold is decided on: no one can
        // take them in between.
        const seatNumbers = Array.isArray(seats)
          ? seats
          : bestSeatsOf(seats, trip.seats, state, now);
        return lockSeats({ ...command, seatNumbers }, state, {
          now,
          trip: facts,
          holdPolicy: holdPolicyOf(this.config.seatHolds),
        });
      },
      { actor: callerRef(actor) },
    );
    const { lockId, seatNumbers: locked, expiresAt } = events[0].data;
    return {
      lockId,
      tripId,
      seatNumbers: locked,
      expiresAt,
      expiresInSeconds: secondsUntil(expiresAt, this.clock.now()),
    };
  }
}

/** Free now: neither booked nor held by anyone (the caller's own holds included). */
function bestSeatsOf(
  request: BestSeatsRequest,
  layout: SeatLayout[],
  state: SeatAllocation,
  now: Date,
): string[] {
  const choice = chooseBestSeats(request, layout, isFreeAt(state, now));
  if (!choice.fits) throw SeatingErrors.noneFit(request, choice.available);
  return choice.seatNumbers;
}
