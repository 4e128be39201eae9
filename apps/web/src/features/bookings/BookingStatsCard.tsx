import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useUserStats } from './booking-api';

/** The traveller's totals: bookings, seats, amount spent, bookings per status. */
export function BookingStatsCard({ userId }: { userId: string }) {
  const { t } = useI18n();
  const stats = useUserStats(userId).data;
  if (!stats) return null;
  const items = [
    { label: t('stats.bookings'), value: String(stats.totalBookings), detail: false },
    { label: t('stats.seats'), value: String(stats.totalSeats), detail: false },
    { label: t('stats.spent'), value: formatMoney(stats.amountSpent), detail: false },
    {
      detail: true,
      label: t('stats.byStatus'),
      value: t('stats.byStatusValue', {
        confirmed: stats.byStatus.confirmed,
        pending: stats.byStatus.pending,
        completed: stats.byStatus.completed,
        cancelled: stats.byStatus.cancelled,
      }),
    },
  ];
  return (
    <section aria-label={t('stats.label')}>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {items.map((item) => (
          <div
            key={item.label}
            className="rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
          >
            <dt className="text-xs text-slate-700 dark:text-slate-300">{item.label}</dt>
            <dd
              className={
                item.detail ? 'mt-1 text-sm font-medium' : 'mt-1 text-lg font-bold tabular'
              }
            >
              {item.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
