import { useParams } from 'react-router';
import { PageState } from '../../ui/PageState';
import { useBooking } from './booking-api';
import { BookingDetail } from './BookingDetail';
import { RequireUser } from '../auth/RequireUser';

/** `/account/bookings/:bookingId`: a signed-in traveller's booking. */
export function BookingDetailPage() {
  return (
    <RequireUser>
      <SignedInBooking />
    </RequireUser>
  );
}

function SignedInBooking() {
  const { bookingId = '' } = useParams();
  const booking = useBooking(bookingId);
  if (booking.isPending || booking.isError)
    return <PageState query={booking} notFound="booking.notFound" />;
  return <BookingDetail booking={booking.data} />;
}
