import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { useSession } from '../../session/session';
import { Alert } from '../../ui/Alert';
import { buttonClass } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { PageState } from '../../ui/PageState';
import { PageTitle } from '../../ui/PageTitle';
import { useBooking } from '../bookings/booking-api';
import { accessTokenFor } from '../guest/access-tokens';
import { ETicketPanel } from '../tickets/ETicketPanel';
import { useCheckout } from './checkout-context';

/** `/checkout/done/:bookingId`: paid. The reference, the e-ticket, what next. */
export function DonePage() {
  const { bookingId = '' } = useParams();
  const { t, tp } = useI18n();
  const format = useFormat();
  const session = useSession();
  const { reset } = useCheckout();
  const accessToken = accessTokenFor(bookingId);
  const booking = useBooking(bookingId, accessToken);
  useEffect(() => reset(), [reset]);

  if (booking.isPending || booking.isError)
    return <PageState query={booking} notFound="booking.notFound" />;
  const { data } = booking;
  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={t('done.title')}>{t('done.title')}</PageTitle>
      <Card className="flex flex-col gap-3 text-center">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('done.reference')}</p>
        <p
          className="text-2xl font-bold tracking-wider break-all sm:text-3xl"
          data-testid="booking-reference"
        >
          {data.bookingReference}
        </p>
        <p>
          {data.trip.origin} → {data.trip.destination} · {format.dateTime(data.trip.departureAt)}
        </p>
        <p className="text-sm">
          {tp('review.seats', data.seatNumbers.length, { seats: data.seatNumbers.join(', ') })}
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t('done.emailed', { email: data.contact.email })}
        </p>
      </Card>
      {session?.kind !== 'user' && (
        <Alert tone="info" title={t('done.guestTitle')}>
          {t('done.guestBody')}
        </Alert>
      )}
      <Card aria-labelledby="done-ticket">
        <h2 id="done-ticket" className="mb-4 text-lg font-semibold">
          {t('ticket.heading')}
        </h2>
        <ETicketPanel booking={data} accessToken={accessToken} />
      </Card>
      <div className="flex flex-wrap gap-3" data-print="hide">
        {session?.kind === 'user' && (
          <Link to="/account/bookings" className={buttonClass('secondary')}>
            {t('nav.myBookings')}
          </Link>
        )}
        <Link to="/" className={buttonClass('secondary')}>
          {t('done.another')}
        </Link>
      </div>
    </div>
  );
}
