import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useLatest } from '../../lib/useLatest';
import { useNowAtDeadlines } from '../../lib/useNow';
import { Alert } from '../../ui/Alert';
import { Card } from '../../ui/Card';
import { LiveRegion, useAnnouncer } from '../../ui/LiveRegion';
import { PageTitle } from '../../ui/PageTitle';
import { PageState } from '../../ui/PageState';
import { useToaster } from '../../ui/Toaster';
import { useCheckout } from '../checkout/checkout-context';
import { TripSummary } from '../trips/TripSummary';
import { useTrip } from '../trips/queries';
import { useTripChanges } from '../trips/useTripChanges';
import { WaitlistPanel } from '../waitlist/WaitlistPanel';
import { adoptGuestSessionFromLink } from '../waitlist/waitlist-api';
import { ConnectionIndicator } from './ConnectionIndicator';
import { ContinueBar } from './ContinueBar';
import { SeatLegend } from './SeatLegend';
import { SeatMap } from './SeatMap';
import { holdDeadlines, isSelectable, seatDisplay, type SeatUpdate } from './seat-state';
import { SelectionSummary } from './SelectionSummary';
import { useLiveSeatMap } from './useLiveSeatMap';
import { useSeatSelection } from './useSeatSelection';

/** `/trips/:tripId`: choose seats on the live map, then hold them. */
export function SeatSelectionPage() {
  const { t } = useI18n();
  const { tripId = '' } = useParams();
  // Before anything asks for a token: a waiting-list offer's link may bring the guest's session.
  useState(adoptGuestSessionFromLink);
  const trip = useTrip(tripId);
  useTripChanges(tripId);
  if (trip.isPending || trip.isError) {
    return <PageState query={trip} notFound="trip.notFound" />;
  }
  if (trip.data.status === 'cancelled') {
    return (
      <TripNotOnSale trip={trip.data} tone="error" title={t('trip.cancelled')}>
        {trip.data.cancellation?.reason}
      </TripNotOnSale>
    );
  }
  if (!trip.data.salesOpen) {
    return (
      <TripNotOnSale trip={trip.data} tone="warning" title={t('trip.salesClosed')}>
        {trip.data.salesClosed?.reason}
      </TripNotOnSale>
    );
  }
  return (
    <SeatSelection
      key={tripId}
      tripId={tripId}
      maxSeats={trip.data.maxSeatsPerBooking}
      trip={trip.data}
    />
  );
}

/** A trip cancelled, or whose sales are closed: what happened, instead of its seat map. */
function TripNotOnSale({
  trip,
  tone,
  title,
  children,
}: {
  trip: NonNullable<ReturnType<typeof useTrip>['data']>;
  tone: 'error' | 'warning';
  title: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <PageTitle title={t('seatMap.title')}>{t('seatMap.title')}</PageTitle>
        <TripSummary trip={trip} />
      </div>
      <Alert tone={tone} role={tone === 'error' ? 'alert' : 'status'} title={title}>
        {children}
      </Alert>
    </div>
  );
}

function SeatSelection({
  tripId,
  maxSeats,
  trip,
}: {
  tripId: string;
  maxSeats: number;
  trip: NonNullable<ReturnType<typeof useTrip>['data']>;
}) {
  const { t } = useI18n();
  const toaster = useToaster();
  const navigate = useNavigate();
  const checkout = useCheckout();
  const heldHere = checkout.hold?.tripId === tripId ? checkout.hold.seatNumbers : [];
  const selection = useSeatSelection(maxSeats, heldHere);
  const { message, announce } = useAnnouncer();
  const [holding, setHolding] = useState(false);
  const [holdError, setHoldError] = useState<string>();

  const onUpdates = useCallback(
    (updates: SeatUpdate[]) => {
      const others = updates.filter((update) => !update.mine);
      if (others.length === 0) return;
      const taken = others
        .filter((u) => u.seat.status !== 'available' && selection.selected.has(u.seat.seatNumber))
        .map((u) => u.seat.seatNumber);
      if (taken.length > 0) {
        selection.remove(taken);
        toaster.show({ tone: 'warning', title: t('seatMap.taken', { seats: taken.join(', ') }) });
      }
      announce(
        others
          .map(({ seat }) => t(`seatMap.changed.${seat.status}`, { seat: seat.seatNumber }))
          .join(' '),
      );
    },
    [announce, selection, t, toaster],
  );

  const { query, connection } = useLiveSeatMap(tripId, { isMine: checkout.isMine, onUpdates });
  const seats = useMemo(() => query.data?.seats ?? [], [query.data]);
  const deadlines = useMemo(() => holdDeadlines(seats), [seats]);
  const now = useNowAtDeadlines(deadlines);

  // Seats held in another tab (or before a reload) that are no longer selectable drop out.
  useEffect(() => {
    const gone = [...selection.selected].filter((seatNumber) => {
      const seat = seats.find((s) => s.seatNumber === seatNumber);
      return seat && !isSelectable(seatDisplay(seat, true, now));
    });
    if (gone.length > 0) selection.remove(gone);
  }, [seats, now, selection]);

  // One stable handler for all seats, so that a toggle re-renders only the seats that change.
  const toggle = useLatest((seatNumber: string) => {
    const seat = seats.find((s) => s.seatNumber === seatNumber);
    if (!seat) return;
    const display = seatDisplay(seat, selection.selected.has(seatNumber), Date.now());
    if (!isSelectable(display)) {
      announce(
        t(display === 'booked' ? 'seatMap.cannotBooked' : 'seatMap.cannotHeld', {
          seat: seatNumber,
        }),
      );
      return;
    }
    checkout.clearNotice();
    setHoldError(undefined);
    const outcome = selection.toggle(seatNumber);
    if (outcome === 'limit') announce(t('selection.limitReached', { max: maxSeats }));
  });
  const onToggle = useCallback((seatNumber: string) => toggle.current(seatNumber), [toggle]);

  const chosen = seats.filter((seat) => selection.selected.has(seat.seatNumber));

  const freeSeats = seats.filter((seat) => seatDisplay(seat, false, now) === 'available').length;

  /** Holds the chosen seats (or those a waiting-list offer names) and goes on to checkout. */
  const onContinue = async (seatNumbers = chosen.map((seat) => seat.seatNumber)) => {
    setHolding(true);
    setHoldError(undefined);
    try {
      await checkout.holdSeats(tripId, seatNumbers);
      navigate('/checkout/passengers');
    } catch (error) {
      if (isApiError(error) && error.code === 'seat.unavailable') {
        const lost = error.conflicts.map((conflict) => conflict.seatNumber);
        selection.remove(lost);
        setHoldError(t('seatMap.holdConflict', { seats: lost.join(', ') }));
      } else {
        setHoldError(isApiError(error) ? error.message : t('common.unexpectedError'));
      }
      void query.refetch();
    } finally {
      setHolding(false);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-2">
          <PageTitle title={t('seatMap.title')}>{t('seatMap.title')}</PageTitle>
          <TripSummary trip={trip} />
        </div>
        <ConnectionIndicator connection={connection} />
      </div>
      {checkout.notice && (
        <Alert tone="warning" role="alert" title={t(`hold.ended.${checkout.notice}`)}>
          {t('hold.ended.chooseAgain')}
        </Alert>
      )}
      {holdError && (
        <Alert tone="error" role="alert">
          {holdError}
        </Alert>
      )}
      <LiveRegion name="seats" message={message} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card aria-labelledby="seat-map-heading" className="flex flex-col gap-5">
          <h2 id="seat-map-heading" className="sr-only">
            {t('seatMap.heading')}
          </h2>
          {query.isPending ? (
            <p className="py-16 text-center text-slate-700 dark:text-slate-300">
              {t('common.loading')}
            </p>
          ) : query.isError ? (
            <Alert tone="error" role="alert">
              {t('seatMap.loadFailed')}
            </Alert>
          ) : (
            <SeatMap seats={seats} selected={selection.selected} now={now} onToggle={onToggle} />
          )}
          <SeatLegend seats={seats} />
        </Card>
        <Card aria-label={t('selection.title')} className="h-fit lg:sticky lg:top-16">
          <SelectionSummary
            seats={chosen}
            max={maxSeats}
            limitReached={selection.limitReached}
            busy={holding}
            onRemove={(seatNumber) => selection.remove([seatNumber])}
            onContinue={() => void onContinue()}
          />
          {query.data && (
            <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-700">
              <WaitlistPanel
                tripId={tripId}
                freeSeats={freeSeats}
                maxSeats={maxSeats}
                busy={holding}
                onTakeOffer={(offered) => void onContinue(offered)}
              />
            </div>
          )}
        </Card>
      </div>
      <ContinueBar
        count={chosen.length}
        total={{
          amount: chosen.reduce((sum, seat) => sum + seat.price.amount, 0),
          currency: chosen[0]?.price.currency ?? 'VND',
        }}
        busy={holding}
        onContinue={() => void onContinue()}
      />
    </div>
  );
}
