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

/** The UTC instant at which the wall clock in `timeZone` reads `date` (YYYY-MM-DD) `hour`:00. */
function atLocalHour(date: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  // Swedish writes a local time as ISO does, "2026-12-08 08:00:00".
  const shownAt = (instant: number) =>
    Date.parse(`${new Date(instant).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T')}Z`);
  const offsetAt = (instant: number) => shownAt(instant) - instant;
  return new Date(wall - offsetAt(wall - offsetAt(wall)));
}

/**
 * When the demo trips leave, in the catalog's zone: 08:00 (Đà Lạt) and 21:00 (Sa Pa) of the
 * first day whose 08:00 is a full day away, so a demo booking made now can be cancelled with
 * the most generous refund and is not closed by its departure meanwhile, whatever the hour.
 */
export function demoDepartures(now: Date, timeZone: string): { morning: Date; evening: Date } {
  const localDate = (instant: Date) => instant.toLocaleDateString('en-CA', { timeZone });
  let day = new Date(now.getTime() + 24 * HOUR);
  let morning = atLocalHour(localDate(day), 8, timeZone);
  if (morning.getTime() < now.getTime() + 24 * HOUR) {
    day = new Date(day.getTime() + 24 * HOUR);
    morning = atLocalHour(localDate(day), 8, timeZone);
  }
  return { morning, evening: atLocalHour(localDate(day), 21, timeZone) };
}

/**
 * Seeds demo data when there are no upcoming trips: a sleeper Hà Nội → Sa Pa and a limousine
 * Hồ Chí Minh → Đà Lạt, departing on the same day, a day or two ahead. Safe to run at every start.
 */
export async function seedDemo(
  commands: CommandBus,
  queries: QueryBus,
  clock: Clock,
  catalog: { currency: string; timeZone: string },
  logger: Logger,
): Promise<void> {
  const { currency } = catalog;
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

  const { morning, evening } = demoDepartures(clock.now(), catalog.timeZone);
  const sapa = await commands.execute(
    new ScheduleTripCommand(SYSTEM_ACTOR, {
      busId: sleeper.id,
      origin: 'Hà Nội',
      destination: 'Sa Pa',
      departureAt: evening.toISOString(),
      arrivalAt: new Date(evening.getTime() + 6 * HOUR).toISOString(),
      fares: { standard: { amount: 350_000, currency }, sleeper: { amount: 450_000, currency } },
    }),
  );
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
