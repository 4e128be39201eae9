/**
 * Wall-clock times in the catalog's time zone (the operator's: `Asia/Ho_Chi_Minh`), as a
 * `datetime-local` input holds them (`2026-12-01T21:30`), and the instants they name. The browser
 * may be anywhere: its own zone is never used.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string) {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's offset from UTC at an instant, in milliseconds (+07:00 → 25 200 000). */
function offsetAt(instant: number, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO 8601, UTC) of a wall-clock time in `timeZone`; undefined when the text is not
 * a `datetime-local` value or names no real time. In a gap (clocks moved forward) the time is
 * read with the offset before the change; in an overlap, the earlier of the two instants.
 */
export function zonedLocalToIso(local: string, timeZone: string): string | undefined {
  const match = LOCAL.exec(local.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = '0'] = match.slice(1);
  const asUtc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== +year ||
    check.getUTCMonth() !== +month - 1 ||
    check.getUTCDate() !== +day ||
    +hour > 23 ||
    +minute > 59 ||
    +second > 59
  ) {
    return undefined;
  }
  // Two rounds settle the offset (the first guess may sit across a change of offset).
  const candidates = new Set<number>();
  for (const probe of [asUtc - 86_400_000, asUtc, asUtc + 86_400_000]) {
    candidates.add(asUtc - offsetAt(probe, timeZone));
  }
  const exact = [...candidates]
    .filter(
      (instant) =>
        zonedIsoToLocal(new Date(instant).toISOString(), timeZone) === local.trim().slice(0, 16),
    )
    .sort((a, b) => a - b);
  const instant = exact[0] ?? asUtc - offsetAt(asUtc - 86_400_000, timeZone);
  return new Date(instant).toISOString();
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm`, for a datetime-local input) of an instant in `timeZone`. */
export function zonedIsoToLocal(iso: string, timeZone: string): string {
  const p = wallClock(Date.parse(iso), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
