import { Link } from 'react-router';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { StatusBadge } from './StatusBadge';

export function BookingListItem({ booking }: { booking: Booking }) {
  const { tp } = useI18n();
  const format = useFormat();
  return (
    <li className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            to={`/account/bookings/${booking.bookingId}`}
            className="font-semibold break-all text-brand-700 underline-offset-2 hover:underline dark:text-brand-200"
          >
            {booking.bookingReference}
          </Link>
          <StatusBadge status={booking.status} />
        </div>
        <p className="text-sm">
          {booking.trip.origin} → {booking.trip.destination} ·{' '}
          {format.dateTime(booking.trip.departureAt)}
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {tp('review.seats', booking.seatNumbers.length, {
            seats: booking.seatNumbers.join(', '),
          })}
        </p>
      </div>
      <p className="text-lg font-bold tabular sm:text-right">
        {formatMoney(booking.priceBreakdown.total)}
      </p>
    </li>
  );
}
