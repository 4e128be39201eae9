import { Link, useNavigate } from 'react-router';
import { usePolicy } from '../../api/policy';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useSession } from '../../session/session';
import { Alert } from '../../ui/Alert';
import { buttonClass } from '../../ui/Button';
import { PageTitle } from '../../ui/PageTitle';
import { seatTypeLabel } from '../seat-map/seat-labels';
import { useCheckout } from './checkout-context';
import { CheckoutSteps } from './CheckoutSteps';
import { emptyPassenger, type TravellersValues } from './passenger-rules';
import { useSeatLayout } from './queries';
import { TravellersForm, type SeatForForm } from './TravellersForm';

/** `/checkout/passengers`: one form per held seat, and the booking's contact. */
export function PassengersPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const checkout = useCheckout();
  const session = useSession();
  const policy = usePolicy();
  const { hold } = checkout;
  const layout = useSeatLayout(hold?.tripId);

  if (!hold) return <NoHold />;
  if (!layout.data || !policy.data) {
    return <p role="status">{t('common.loading')}</p>;
  }
  const seats: SeatForForm[] = hold.seatNumbers.map((seatNumber) => {
    const seat = layout.data.find((s) => s.seatNumber === seatNumber);
    return {
      seatNumber,
      accessible: seat?.accessible ?? false,
      description: seat
        ? `${seatTypeLabel(t, seat.type)} · ${formatMoney(seat.price)}${seat.accessible ? ` · ${t('seat.accessibleHint')}` : ''}`
        : '',
    };
  });
  const account = session?.kind === 'user' ? session.account : undefined;
  const drafts = new Map(checkout.passengers?.map((p) => [p.seatNumber, p]));
  const defaultValues: TravellersValues = {
    passengers: hold.seatNumbers.map((seatNumber, index) => {
      const draft = drafts.get(seatNumber);
      if (draft) return draft;
      const empty = emptyPassenger(seatNumber);
      // The first passenger is the signed-in traveller, most of the time.
      return index === 0 && account
        ? { ...empty, fullName: account.name, email: account.email }
        : empty;
    }),
    contact: checkout.contact ?? { email: account?.email ?? '', phone: '' },
  };

  return (
    <div className="flex flex-col gap-6">
      <CheckoutSteps current="passengers" />
      <div className="flex flex-col gap-2">
        <PageTitle>{t('passengers.title')}</PageTitle>
        <p className="text-slate-700 dark:text-slate-300">{t('passengers.intro')}</p>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('passengers.privacy')}</p>
      </div>
      <TravellersForm
        key={hold.lockId}
        seats={seats}
        defaultValues={defaultValues}
        withContact
        countryCode={policy.data.defaultPhoneCountryCode}
        serverErrors={checkout.serverErrors}
        submitLabel={t('passengers.submit')}
        onSubmit={(values) => {
          checkout.saveTravellers(values.passengers, values.contact);
          checkout.setServerErrors([]);
          navigate('/checkout/review');
        }}
        actions={
          <Link to={`/trips/${hold.tripId}`} className={buttonClass('secondary')}>
            {t('passengers.changeSeats')}
          </Link>
        }
      />
    </div>
  );
}

/** A checkout step opened without a hold (it lapsed, was released, or the page was reloaded). */
export function NoHold() {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>{t('checkout.noHold.title')}</PageTitle>
      <Alert tone="info">{t('checkout.noHold.body')}</Alert>
      <Link to="/" className={buttonClass('primary')}>
        {t('nav.search')}
      </Link>
    </div>
  );
}
