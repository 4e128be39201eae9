import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { usePolicy } from '../../api/policy';
import { isApiError } from '../../api/problem';
import type { PriceBreakdown } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { Alert } from '../../ui/Alert';
import { Button, buttonClass } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { CheckboxField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { createBooking } from '../bookings/booking-api';
import { seatTypeLabel } from '../seat-map/seat-labels';
import { TripSummary } from '../trips/TripSummary';
import { useTrip } from '../trips/queries';
import { CancellationTerms } from './CancellationTerms';
import { useCheckout } from './checkout-context';
import { CheckoutSteps } from './CheckoutSteps';
import { toPassengerRequest } from './passenger-rules';
import { NoHold } from './PassengersPage';
import { estimatePrice } from './pricing';
import { PriceBreakdownTable } from './PriceBreakdownTable';
import { useSeatLayout } from './queries';
import { violationField } from './violations';

/** `/checkout/review`: everything once more, the price, the terms; then Book. */
export function ReviewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const checkout = useCheckout();
  const { hold, passengers, contact } = checkout;
  const policy = usePolicy().data;
  const trip = useTrip(hold?.tripId).data;
  const layout = useSeatLayout(hold?.tripId).data;
  const [accepted, setAccepted] = useState(false);
  const [acceptError, setAcceptError] = useState(false);
  const [booking, setBooking] = useState(false);
  const [serverPrice, setServerPrice] = useState<PriceBreakdown>();
  const [error, setError] = useState<string>();

  if (!hold) return <NoHold />;
  if (!passengers || !contact) return <Navigate to="/checkout/passengers" replace />;
  if (!policy || !trip || !layout) return <p role="status">{t('common.loading')}</p>;

  const fares = new Map(layout.map((seat) => [seat.seatNumber, seat]));
  const estimate = estimatePrice(
    passengers.flatMap((p) => {
      const seat = fares.get(p.seatNumber);
      return seat
        ? [{ seatNumber: p.seatNumber, passengerType: p.passengerType, fare: seat.price }]
        : [];
    }),
    policy,
  );
  const price = serverPrice ?? estimate;

  const book = async () => {
    if (!accepted) {
      setAcceptError(true);
      return;
    }
    setBooking(true);
    setError(undefined);
    try {
      const created = await createBooking({
        tripId: hold.tripId,
        seatNumbers: hold.seatNumbers,
        passengers: passengers.map((p) => toPassengerRequest(p, policy.defaultPhoneCountryCode)),
        contact: { email: contact.email.trim(), phone: contact.phone.trim() },
        expectedTotal: price.total.amount,
      });
      checkout.holdBooked();
      queryClient.setQueryData(['booking', created.bookingId], created);
      void queryClient.invalidateQueries({ queryKey: ['user-bookings'] });
      void queryClient.invalidateQueries({ queryKey: ['trip-availability', hold.tripId] });
      navigate(`/checkout/payment/${created.bookingId}`);
    } catch (failure) {
      if (!isApiError(failure)) throw failure;
      if (failure.code === 'price.changed' && failure.priceBreakdown) {
        setServerPrice(failure.priceBreakdown);
        setError(t('review.priceChanged', { total: formatMoney(failure.priceBreakdown.total) }));
      } else if (failure.errors.some((violation) => violationField(violation))) {
        checkout.setServerErrors(failure.errors);
        navigate('/checkout/passengers');
      } else if (failure.status === 429) {
        setError(t('review.rateLimited', { seconds: failure.retryAfterSeconds ?? 60 }));
      } else {
        setError(failure.message);
      }
    } finally {
      setBooking(false);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <CheckoutSteps current="review" />
      <PageTitle>{t('review.title')}</PageTitle>
      {error && (
        <Alert tone={serverPrice ? 'warning' : 'error'} role="alert">
          {error}
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex flex-col gap-6">
          <Card aria-labelledby="review-trip">
            <div className="mb-3 flex items-center justify-between gap-3">
              <h2 id="review-trip" className="text-lg font-semibold">
                {t('review.trip')}
              </h2>
              <Link to={`/trips/${hold.tripId}`} className={buttonClass('ghost', 'sm')}>
                {t('review.changeSeats')}
              </Link>
            </div>
            <TripSummary trip={trip} />
          </Card>
          <Card aria-labelledby="review-passengers">
            <div className="mb-3 flex items-center justify-between gap-3">
              <h2 id="review-passengers" className="text-lg font-semibold">
                {t('review.passengers')}
              </h2>
              <Link to="/checkout/passengers" className={buttonClass('ghost', 'sm')}>
                {t('review.editPassengers')}
              </Link>
            </div>
            <ul className="flex flex-col divide-y divide-slate-200 dark:divide-slate-800">
              {passengers.map((p) => {
                const seat = fares.get(p.seatNumber);
                return (
                  <li
                    key={p.seatNumber}
                    className="flex flex-wrap justify-between gap-2 py-2 text-sm"
                  >
                    <span>
                      <strong>{p.fullName}</strong> · {t(`passengerType.${p.passengerType}`)}
                      {p.needsAccessibleSeat && ` · ${t('seat.accessibleHint')}`}
                    </span>
                    <span>
                      {t('review.seat', { seat: p.seatNumber })}
                      {seat && ` · ${seatTypeLabel(t, seat.type)}`}
                    </span>
                  </li>
                );
              })}
            </ul>
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
              {t('review.contact', { email: contact.email, phone: contact.phone })}
            </p>
          </Card>
          <Card aria-labelledby="review-terms">
            <h2 id="review-terms" className="mb-3 text-lg font-semibold">
              {t('review.cancellation')}
            </h2>
            <CancellationTerms />
          </Card>
        </div>
        <Card
          aria-labelledby="review-price"
          className="flex h-fit flex-col gap-4 lg:sticky lg:top-16"
        >
          <h2 id="review-price" className="text-lg font-semibold">
            {t('review.price')}
          </h2>
          <PriceBreakdownTable price={price} caption={t('review.price')} />
          <p className="text-xs text-slate-700 dark:text-slate-300">
            {t('review.priceNote', {
              vat: policy.vatPercent,
              child: policy.passengerDiscountPercent.child,
              senior: policy.passengerDiscountPercent.senior,
            })}
          </p>
          <CheckboxField
            label={t('review.accept')}
            checked={accepted}
            error={acceptError && !accepted ? t('review.acceptRequired') : undefined}
            onChange={(event) => {
              setAccepted(event.target.checked);
              setAcceptError(false);
            }}
          />
          <Button onClick={book} busy={booking} className="w-full">
            {t('review.book', { total: formatMoney(price.total) })}
          </Button>
          <p className="text-xs text-slate-700 dark:text-slate-300">{t('review.bookNote')}</p>
        </Card>
      </div>
    </div>
  );
}
