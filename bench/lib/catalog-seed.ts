import { createBenchBus, scheduleBenchTrip } from './api';

/**
 * A catalog of upcoming trips for the search benchmarks: ROUTES routes between bench cities,
 * DEPARTURES_PER_DAY departures a day on each (07:00–20:30 in Vietnam), day after day from
 * tomorrow. Trips are scheduled through the admin API, only as many as are missing, so the
 * catalog stays at the wanted size from run to run instead of growing.
 */
const ROUTES = 20;
const DEPARTURES_PER_DAY = 10;
const DAY_MS = 24 * 3600_000;
const CONCURRENCY = 16;

export interface Route {
  origin: string;
  destination: string;
}

export const benchRoute = (index: number): Route => ({
  origin: `Bench City ${index % ROUTES}`,
  destination: `Bench City ${(index % ROUTES) + ROUTES}`,
});

/** A route and a local date (YYYY-MM-DD) that have DEPARTURES_PER_DAY seeded trips. */
export function searchedRouteAndDate(daysAhead = 3): Route & { date: string } {
  const day = utcMidnight(Date.now() + daysAhead * DAY_MS);
  return { ...benchRoute(0), date: new Date(day).toISOString().slice(0, 10) };
}

/** Upcoming trips on the bench routes, counted through the API. */
export async function countUpcomingBenchTrips(base: string): Promise<number> {
  const totals = await Promise.all(
    Array.from({ length: ROUTES }, async (_, i) => {
      const { origin, destination } = benchRoute(i);
      const query = new URLSearchParams({ origin, destination, limit: '1' });
      const response = await fetch(`${base}/trips?${query}`);
      return ((await response.json()) as { total: number }).total;
    }),
  );
  return totals.reduce((a, b) => a + b, 0);
}

/** Tops the bench routes up to `wanted` upcoming trips; returns how many it scheduled. */
export async function seedUpcomingTrips(
  base: string,
  adminToken: string,
  wanted: number,
): Promise<number> {
  const present = await countUpcomingBenchTrips(base);
  const missing = Math.max(0, wanted - present);
  if (missing === 0) return 0;
  const busId = await createBenchBus(base, adminToken);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < missing; i = next++) {
        await scheduleBenchTrip(base, adminToken, busId, slot(present + i));
      }
    }),
  );
  return missing;
}

/** The k-th departure of the schedule: route k mod ROUTES, day by day, 90 minutes apart. */
function slot(k: number): Route & { departure: Date } {
  const perDay = ROUTES * DEPARTURES_PER_DAY;
  const day = 1 + Math.floor(k / perDay);
  const departureOfDay = Math.floor(k / ROUTES) % DEPARTURES_PER_DAY;
  const departure = new Date(utcMidnight(Date.now() + day * DAY_MS) + departureOfDay * 90 * 60_000);
  return { ...benchRoute(k), departure };
}

const utcMidnight = (time: number) => time - (time % DAY_MS);
