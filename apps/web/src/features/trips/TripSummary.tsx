import type { Trip } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';

/** Route, times in the trip's zone, duration and bus. */
export function TripSummary({ trip, compact = false }: { trip: Trip; compact?: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const nextDay = format.daysBetween(trip.departureAt, trip.arrivalAt);
  return (
    <div className="flex flex-col gap-1">
      <p className="text-lg font-semibold">
        {trip.origin} <span aria-hidden="true">→</span>
        <span className="sr-only">{t('common.to')}</span> {trip.destination}
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <span className="tabular">{format.date(trip.departureAt)}</span> ·{' '}
        <span className="tabular">
          {format.time(trip.departureAt)} – {format.time(trip.arrivalAt)}
        </span>
        {nextDay > 0 && <span> (+{nextDay})</span>} · {format.duration(trip.durationMinutes)}
      </p>
      {trip.delay && (
        <p className="text-sm font-medium text-amber-800 dark:text-amber-300">
          {t('trip.delayed', {
            minutes: trip.delay.minutes,
            time: format.time(trip.delay.scheduledDepartureAt),
            reason: trip.delay.reason,
          })}
        </p>
      )}
      {!compact && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {trip.bus.name} · {trip.bus.plateNumber} ·{' '}
          {t('trip.timeZoneNote', { zone: format.timeZone })}
        </p>
      )}
    </div>
  );
}
