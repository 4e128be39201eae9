import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { buttonClass } from '../../ui/Button';
import { PageState } from '../../ui/PageState';
import { PageTitle } from '../../ui/PageTitle';
import { bookingQuery } from '../bookings/booking-api';
import { BookingDetail } from '../bookings/BookingDetail';
import { accessTokenFor } from './access-tokens';

/** `/manage/:bookingId`: a booking opened with the access token a guest lookup gave. */
export function GuestBookingPage() {
  const { bookingId = '' } = useParams();
  const { t } = useI18n();
  const accessToken = accessTokenFor(bookingId);
  const booking = useQuery({
    ...bookingQuery(bookingId, accessToken),
    enabled: Boolean(accessToken),
  });
  if (!accessToken) {
    return (
      <div className="flex flex-col gap-4">
        <PageTitle>{t('lookup.expiredTitle')}</PageTitle>
        <p>{t('lookup.expiredBody')}</p>
        <Link to="/find-booking" className={buttonClass('primary')}>
          {t('nav.findBooking')}
        </Link>
      </div>
    );
  }
  if (booking.isPending || booking.isError)
    return <PageState query={booking} notFound="booking.notFound" />;
  return <BookingDetail booking={booking.data} accessToken={accessToken} />;
}
