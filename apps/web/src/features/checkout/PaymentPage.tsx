import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { Booking, PaymentMethod } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { randomId } from '../../lib/id';
import { useFormat } from '../../lib/useFormat';
import { useNow } from '../../lib/useNow';
import { Alert } from '../../ui/Alert';
import { Button, buttonClass } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { PageState } from '../../ui/PageState';
import { PageTitle } from '../../ui/PageTitle';
import { bookingCalls, useBooking } from '../bookings/booking-api';
import { accessTokenFor } from '../guest/access-tokens';
import { CheckoutSteps } from './CheckoutSteps';
import { PriceBreakdownTable } from './PriceBreakdownTable';

const METHODS: PaymentMethod[] = ['card', 'e_wallet', 'bank_transfer'];

/**
 * `/checkout/payment/:bookingId`: how the payment port says to pay. The demo provider: a DEMO
 * form whose confirm is the payment. A real one: the provider's checkout, and the booking
 * watched until the provider's webhook has confirmed it.
 */
export function PaymentPage() {
  const { bookingId = '' } = useParams();
  const accessToken = accessTokenFor(bookingId);
  const booking = useBooking(bookingId, accessToken);
  const payment = useQuery({
    queryKey: ['booking', bookingId, 'payment'],
    queryFn: () => bookingCalls(bookingId, accessToken).payment(),
    enabled: booking.data?.status === 'pending',
  });
  if (booking.isPending || booking.isError)
    return <PageState query={booking} notFound="booking.notFound" />;
  if (booking.data.status !== 'pending')
    return <Navigate to={`/checkout/done/${bookingId}`} replace />;
  if (payment.isPending || payment.isError)
    return <PageState query={payment} notFound="booking.notFound" />;
  if (payment.data.next === 'provider')
    return <ProviderPayment booking={booking.data} checkoutUrl={payment.data.checkoutUrl} />;
  return <Payment booking={booking.data} accessToken={accessToken} />;
}

/** A real provider takes the money; its webhook confirms the booking, which is polled meanwhile. */
function ProviderPayment({ booking, checkoutUrl }: { booking: Booking; checkoutUrl?: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  useEffect(() => {
    const timer = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: ['booking', booking.bookingId] }),
      3000,
    );
    return () => clearInterval(timer);
  }, [queryClient, booking.bookingId]);
  return (
    <div className="flex flex-col gap-6">
      <CheckoutSteps current="payment" />
      <PageTitle>{t('payment.title')}</PageTitle>
      <Card aria-labelledby="provider-payment" className="flex flex-col gap-4">
        <h2 id="provider-payment" className="text-lg font-semibold">
          {t('payment.booking', { reference: booking.bookingReference })}
        </h2>
        <PriceBreakdownTable price={booking.priceBreakdown} caption={t('review.price')} />
        <p role="status">{t('payment.providerWaiting')}</p>
        {checkoutUrl && (
          <a className={buttonClass()} href={checkoutUrl}>
            {t('payment.providerPay', { total: formatMoney(booking.priceBreakdown.total) })}
          </a>
        )}
      </Card>
    </div>
  );
}

function Payment({ booking, accessToken }: { booking: Booking; accessToken: string | undefined }) {
  const { t, tp } = useI18n();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow(1000);
  const [method, setMethod] = useState<PaymentMethod>('card');
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState<string>();
  const secondsLeft = Math.max(0, (Date.parse(booking.expiresAt) - now) / 1000);

  const pay = async () => {
    setPaying(true);
    setError(undefined);
    try {
      const confirmed = await bookingCalls(booking.bookingId, accessToken).confirm(
        method,
        `DEMO-${randomId()}`,
      );
      queryClient.setQueryData(['booking', booking.bookingId], confirmed);
      void queryClient.invalidateQueries({ queryKey: ['user-bookings'] });
      navigate(`/checkout/done/${booking.bookingId}`);
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError'));
      setPaying(false);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <CheckoutSteps current="payment" />
      <PageTitle>{t('payment.title')}</PageTitle>
      <Alert tone="warning" title={t('payment.demoTitle')}>
        {t('payment.demoBody')}
      </Alert>
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card aria-labelledby="payment-booking" className="flex flex-col gap-4">
          <h2 id="payment-booking" className="text-lg font-semibold">
            {t('payment.booking', { reference: booking.bookingReference })}
          </h2>
          <p className="text-sm">
            {booking.trip.origin} → {booking.trip.destination} ·{' '}
            {format.dateTime(booking.trip.departureAt)} ·{' '}
            {tp('review.seats', booking.seatNumbers.length, {
              seats: booking.seatNumbers.join(', '),
            })}
          </p>
          <p className="text-sm font-medium" role="timer" aria-live="off">
            {t('payment.window', { time: format.countdown(secondsLeft) })}
          </p>
          <PriceBreakdownTable price={booking.priceBreakdown} caption={t('review.price')} />
        </Card>
        <Card aria-labelledby="payment-method" className="flex h-fit flex-col gap-4">
          <fieldset className="flex flex-col gap-2">
            <legend id="payment-method" className="mb-2 text-lg font-semibold">
              {t('payment.method')}
            </legend>
            {METHODS.map((value) => (
              <label
                key={value}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-600 dark:has-[:checked]:border-brand-300 dark:has-[:checked]:bg-slate-800"
              >
                <input
                  type="radio"
                  name="payment-method"
                  value={value}
                  checked={method === value}
                  onChange={() => setMethod(value)}
                  className="size-4 accent-brand-600"
                />
                {t(`payment.methods.${value}`)}
              </label>
            ))}
          </fieldset>
          <Button onClick={pay} busy={paying} className="w-full">
            {t('payment.pay', { total: formatMoney(booking.priceBreakdown.total) })}
          </Button>
        </Card>
      </div>
    </div>
  );
}
