import { Link } from 'react-router';
import type { Trip } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { Badge } from '../../ui/Badge';
import { buttonClass } from '../../ui/Button';
import { seatTypeLabel } from '../seat-map/seat-labels';
import { useTripAvailability } from '../trips/queries';

/** One search result: times, duration, bus, seat types, lowest price, seats left, and a link. */
export function TripCard({ trip }: { trip: Trip }) {
  const { t, tp } = useI18n();
  const format = useFormat();
  const availability = useTripAvailability(trip.id).data;
  const nextDay = format.daysBetween(trip.departureAt, trip.arrivalAt);
  const lowest = availability?.lowestPrice ?? trip.fares.standard;
  const headingId = `trip-${trip.id}`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_auto] sm:p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="flex min-w-0 flex-col gap-3">
          <h3 id={headingId} className="text-lg font-semibold">
            {trip.origin} <span aria-hidden="true">→</span>
            <span className="sr-only">{t('common.to')}</span> {trip.destination}
          </h3>
          <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
            <p>
              <span className="sr-only">{t('trip.departs')} </span>
              <span className="text-2xl font-bold tabular">{format.time(trip.departureAt)}</span>
              <span className="ml-2 text-sm text-slate-700 dark:text-slate-300">
                {format.date(trip.departureAt)}
              </span>
            </p>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <span aria-hidden="true">— {format.duration(trip.durationMinutes)} →</span>
              <span className="sr-only">
                {t('trip.duration', { duration: format.duration(trip.durationMinutes) })}
              </span>
            </p>
            <p>
              <span className="sr-only">{t('trip.arrives')} </span>
              <span className="text-2xl font-bold tabular">{format.time(trip.arrivalAt)}</span>
              {nextDay > 0 && (
                <span className="ml-1 text-sm" title={t('trip.nextDay')}>
                  +{nextDay}
                </span>
              )}
            </p>
          </div>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {trip.bus.name} · {tp('trip.seatCount', trip.bus.seatCount)}
          </p>
          <div className="flex flex-wrap gap-2">
            {availability?.seatTypes.map((type) => (
              <Badge key={type} tone="brand">
                {seatTypeLabel(t, type)}
              </Badge>
            ))}
          </div>
        </div>
        <div className="flex flex-row items-end justify-between gap-3 sm:flex-col sm:items-end">
          <div className="sm:text-right">
            <p className="text-xs text-slate-700 dark:text-slate-300">{t('trip.from')}</p>
            <p className="text-xl font-bold tabular">{formatMoney(lowest)}</p>
            <p className="text-sm font-medium text-emerald-800 dark:text-emerald-300">
              {availability ? tp('trip.seatsLeft', availability.seatsLeft) : t('common.loading')}
            </p>
          </div>
          <Link
            to={`/trips/${trip.id}`}
            className={buttonClass('primary')}
            aria-label={t('trip.chooseSeatsFor', {
              route: `${trip.origin} – ${trip.destination}`,
              time: format.time(trip.departureAt),
            })}
          >
            {t('trip.chooseSeats')}
          </Link>
        </div>
      </article>
    </li>
  );
}
