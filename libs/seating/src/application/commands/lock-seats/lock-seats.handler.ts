import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { callerRef } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { LockSeats, lockSeats } from '../../../domain/seat-allocation.decide';
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

  async execute({ actor, tripId, seatNumbers, origin }: LockSeatsCommand): Promise<LockView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const facts = {
      seatNumbers: new Set(trip.seats.map((s) => s.seatNumber)),
      departureAt: trip.departureAt,
      maxSeatsPerBooking: trip.maxSeatsPerBooking,
    };
    const holder = holderOf(actor);
    const command: LockSeats = {
      lockId: randomUUID(),
      holder,
      seatNumbers,
      ...(holder.kind === 'guest' && origin ? { origin } : {}),
    };
    const { events } = await this.writer.decide(
      tripId,
      (state, now) =>
        lockSeats(command, state, {
          now,
          trip: facts,
          holdPolicy: holdPolicyOf(this.config.seatHolds),
        }),
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
