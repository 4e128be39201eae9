import type { Seat, SeatType } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { cx } from '../../lib/cx';
import { formatMoney } from '../../lib/format';
import type { SeatDisplay } from './seat-state';

const TYPE_SWATCH: Record<SeatType, string> = {
  standard: 'bg-slate-500 dark:bg-slate-400',
  limousine: 'bg-amber-500 dark:bg-amber-400',
  sleeper: 'bg-teal-600 dark:bg-teal-400',
};

const STATUS_SWATCH: Record<SeatDisplay, string> = {
  available: 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900',
  selected: 'border-brand-700 bg-brand-600 dark:border-brand-200 dark:bg-brand-500',
  yours: 'border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950',
  held: 'border-dashed border-slate-400 bg-slate-200 dark:border-slate-500 dark:bg-slate-800',
  booked: 'border-slate-300 bg-slate-300 dark:border-slate-700 dark:bg-slate-700',
};

const STATUSES: SeatDisplay[] = ['available', 'selected', 'yours', 'held', 'booked'];

/** What the colours mean: the seat types on this bus with their fares, and the statuses. */
export function SeatLegend({ seats }: { seats: readonly Seat[] }) {
  const { t } = useI18n();
  const fares = new Map<SeatType, Seat['price']>();
  for (const seat of seats) {
    const known = fares.get(seat.type);
    if (!known || seat.price.amount < known.amount) fares.set(seat.type, seat.price);
  }
  const hasAccessible = seats.some((seat) => seat.accessible);
  return (
    <div className="grid gap-4 text-sm sm:grid-cols-2">
      <div>
        <h3 className="mb-2 font-semibold">{t('legend.types')}</h3>
        <ul className="flex flex-col gap-1.5">
          {[...fares.entries()].map(([type, price]) => (
            <li key={type} className="flex items-center gap-2">
              <span aria-hidden="true" className={cx('h-2 w-6 rounded-full', TYPE_SWATCH[type])} />
              <span>
                {t(`seat.typeName.${type}`)} · <span className="tabular">{formatMoney(price)}</span>
              </span>
            </li>
          ))}
          {hasAccessible && (
            <li className="flex items-center gap-2">
              <span aria-hidden="true" className="w-6 text-center">
                ♿
              </span>
              <span>{t('seat.accessibleHint')}</span>
            </li>
          )}
        </ul>
      </div>
      <div>
        <h3 className="mb-2 font-semibold">{t('legend.statuses')}</h3>
        <ul className="grid grid-cols-2 gap-1.5">
          {STATUSES.map((status) => (
            <li key={status} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className={cx('size-4 shrink-0 rounded border-2', STATUS_SWATCH[status])}
              />
              <span>{t(`legend.status.${status}`)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
