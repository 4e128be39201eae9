import { Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { Clock } from '@app/clock';
import {
  ListTripsQuery,
  RegisterBusCommand,
  RegisterBusInput,
  ScheduleTripCommand,
  SeatLayout,
} from '@app/seating';

const HOUR = 3600_000;

/** A two-deck sleeper: 20 berths per deck, three columns, numbered A01.. (lower) and B01.. (upper). */
export function sleeperLayout(): SeatLayout[] {
  const seats: SeatLayout[] = [];
  for (const [deck, letter] of [
    [1, 'A'],
    [2, 'B'],
  ] as const) {
    for (let i = 0; i < 20; i++) {
      const row = Math.floor(i / 3) + 1;
      const col = (i % 3) + 1;
      seats.push({
        seatNumber: `${letter}${String(i + 1).padStart(2, '0')}`,
        deck,
        row,
        col,
        type: 'sleeper',
        accessible: deck === 1 && row === 1,
      });
    }
  }
  return seats;
}

/** A 22-seat limousine van: rows of three, then a row of one by the door. */
export function limousineLayout(): SeatLayout[] {
  return Array.from({ length: 22 }, (_, i) => ({
    seatNumber: `L${String(i + 1).padStart(2, '0')}`,
    deck: 1,
    row: Math.floor(i / 3) + 1,
    col: (i % 3) + 1,
    type: 'limousine' as const,
    accessible: i === 0,
  }));
}

/**
 * Seeds demo data when there are no upcoming trips: a sleeper Hà Nội → Sa Pa and a limousine
 * Hồ Chí Minh → Đà Lạt, both departing tomorrow. Safe to run at every start.
 */
export async function seedDemo(
  commands: CommandBus,
  queries: QueryBus,
  clock: Clock,
  currency: string,
  logger: Logger,
): Promise<void> {
  const upcoming = await queries.execute(new ListTripsQuery({ limit: 1 }));
  if (upcoming.total > 0) return;
  const suffix = String(clock.now().getTime() % 100_000).padStart(5, '0');
  const register = (input: RegisterBusInput) =>
    commands.execute(new RegisterBusCommand(SYSTEM_ACTOR, input));
  const sleeper = await register({
    name: 'Sapa Express Sleeper',
    plateNumber: `29B-${suffix}`,
    seats: sleeperLayout(),
  });
  const limousine = await register({
    name: 'Dalat Limousine 22',
    plateNumber: `51B-${suffix}`,
    seats: limousineLayout(),
  });

  const tomorrow = new Date(clock.now().getTime() + 24 * HOUR);
  tomorrow.setUTCHours(14, 0, 0, 0); // 21:00 in Vietnam
  const sapa = await commands.execute(
    new ScheduleTripCommand(SYSTEM_ACTOR, {
      busId: sleeper.id,
      origin: 'Hà Nội',
      destination: 'Sa Pa',
      departureAt: tomorrow.toISOString(),
      arrivalAt: new Date(tomorrow.getTime() + 6 * HOUR).toISOString(),
      fares: { standard: { amount: 350_000, currency }, sleeper: { amount: 450_000, currency } },
    }),
  );
  const morning = new Date(tomorrow.getTime() - 13 * HOUR); // 08:00 in Vietnam
  const dalat = await commands.execute(
    new ScheduleTripCommand(SYSTEM_ACTOR, {
      busId: limousine.id,
      origin: 'Hồ Chí Minh',
      destination: 'Đà Lạt',
      departureAt: morning.toISOString(),
      arrivalAt: new Date(morning.getTime() + 7 * HOUR).toISOString(),
      fares: { standard: { amount: 300_000, currency }, limousine: { amount: 420_000, currency } },
    }),
  );
  logger.log(
    `seeded demo trips: ${sapa.id} (Hà Nội → Sa Pa, sleeper), ${dalat.id} (Hồ Chí Minh → Đà Lạt, limousine)`,
  );
}
