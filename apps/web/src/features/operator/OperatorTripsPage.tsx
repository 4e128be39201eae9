import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePolicy } from '../../api/policy';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button, buttonClass } from '../../ui/Button';
import { CheckboxField, TextField } from '../../ui/Field';
import { ListStatus } from '../../ui/ListStatus';
import { PageTitle } from '../../ui/PageTitle';
import { useAdminTrips, type AdminTrip } from './operator-api';
import { OperatorNav } from './OperatorNav';
import { RequireAdmin } from './RequireAdmin';
import { ScheduleTripDialog } from './ScheduleTripDialog';
import { TripActionDialog, type TripAction } from './TripActionDialogs';

const PAGE_SIZE = 10;

const STATUS_TONES: Record<AdminTrip['status'], BadgeTone> = {
  scheduled: 'brand',
  departed: 'neutral',
  arrived: 'neutral',
  cancelled: 'danger',
};

/** `/operator/trips`: the operator's trips, with what staff do to one. */
export function OperatorTripsPage() {
  return <RequireAdmin>{() => <OperatorTrips />}</RequireAdmin>;
}

function OperatorTrips() {
  const { t, tp } = useI18n();
  const [params, setParams] = useSearchParams();
  const origin = params.get('origin') ?? '';
  const destination = params.get('destination') ?? '';
  const date = params.get('date') ?? '';
  const includeDeparted = params.get('departed') === '1';
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const [form, setForm] = useState({ origin, destination, date, includeDeparted });
  const [action, setAction] = useState<{ kind: TripAction; trip: AdminTrip }>();
  const [acting, setActing] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const currency = usePolicy().data?.currency;

  const trips = useAdminTrips({
    origin,
    destination,
    date,
    includeDeparted,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const total = trips.data?.total ?? 0;
  const pages = Math.ceil(total / PAGE_SIZE);

  const setPage = (next: number) => {
    const copy = new URLSearchParams(params);
    if (next > 0) copy.set('page', String(next));
    else copy.delete('page');
    setParams(copy);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (form.origin.trim()) next.set('origin', form.origin.trim());
    if (form.destination.trim()) next.set('destination', form.destination.trim());
    if (form.date) next.set('date', form.date);
    if (form.includeDeparted) next.set('departed', '1');
    setParams(next);
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageTitle>{t('operator.trips.title')}</PageTitle>
        <Button disabled={!currency} onClick={() => setScheduling(true)}>
          {t('operator.schedule.open')}
        </Button>
      </div>
      <OperatorNav />
      <form
        role="search"
        aria-label={t('operator.trips.filters')}
        onSubmit={submit}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_12rem] lg:items-end"
      >
        <TextField
          label={t('search.origin')}
          value={form.origin}
          onChange={(event) => setForm({ ...form, origin: event.target.value })}
        />
        <TextField
          label={t('search.destination')}
          value={form.destination}
          onChange={(event) => setForm({ ...form, destination: event.target.value })}
        />
        <TextField
          label={t('search.date')}
          type="date"
          value={form.date}
          onChange={(event) => setForm({ ...form, date: event.target.value })}
        />
        <div className="flex flex-wrap items-center justify-between gap-3 sm:col-span-2 lg:col-span-3">
          <CheckboxField
            label={t('operator.trips.includeDeparted')}
            checked={form.includeDeparted}
            onChange={(event) => setForm({ ...form, includeDeparted: event.target.checked })}
          />
          <Button type="submit" variant="secondary" className="w-full sm:w-auto">
            {t('search.submit')}
          </Button>
        </div>
      </form>
      <ListStatus query={trips} count={tp('search.results', total)} />
      {trips.data && trips.data.items.length === 0 && <Alert>{t('operator.trips.empty')}</Alert>}
      {trips.data && trips.data.items.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label={t('operator.trips.list')}>
          {trips.data.items.map((trip) => (
            <TripRow
              key={trip.id}
              trip={trip}
              onAction={(kind) => {
                setAction({ kind, trip });
                setActing(true);
              }}
            />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={t('pagination.label')} className="flex items-center justify-between gap-3">
          <Button variant="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('pagination.previous')}
          </Button>
          <span className="text-sm">{t('pagination.page', { page: page + 1, pages })}</span>
          <Button
            variant="secondary"
            disabled={page + 1 >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('pagination.next')}
          </Button>
        </nav>
      )}
      {currency && (
        <ScheduleTripDialog open={scheduling} onOpenChange={setScheduling} currency={currency} />
      )}
      <TripActionDialog
        action={action?.kind}
        trip={action?.trip}
        open={acting}
        onOpenChange={setActing}
      />
    </div>
  );
}

function TripRow({ trip, onAction }: { trip: AdminTrip; onAction(kind: TripAction): void }) {
  const { t } = useI18n();
  const format = useFormat();
  const route = `${trip.origin} → ${trip.destination}`;
  const open = trip.status === 'scheduled';
  const headingId = `trip-${trip.id}`;
  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="min-w-0 font-semibold break-words">
          {route}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Badge tone={STATUS_TONES[trip.status]}>{t(`operator.tripStatus.${trip.status}`)}</Badge>
          {trip.status !== 'cancelled' && (
            <Badge tone={trip.salesOpen ? 'success' : 'warning'}>
              {trip.salesOpen ? t('operator.sales.open') : t('operator.sales.closed')}
            </Badge>
          )}
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700 dark:text-slate-300">{t('trip.departs')}</dt>
        <dd data-testid="departure">
          {format.dateTime(trip.departureAt)}
          {trip.delay && (
            <span className="block text-amber-800 dark:text-amber-200">
              {t('operator.trips.delayed', {
                delay: format.duration(trip.delay.minutes),
                scheduled: format.dateTime(trip.delay.scheduledDepartureAt),
              })}
              {trip.delay.reason && ` · ${trip.delay.reason}`}
            </span>
          )}
        </dd>
        <dt className="font-medium text-slate-700 dark:text-slate-300">
          {t('operator.trips.seats')}
        </dt>
        <dd data-testid="seats">
          {t('operator.trips.seatCounts', {
            booked: trip.seatsBooked,
            held: trip.seatsHeld,
            count: trip.bus.seatCount,
          })}
        </dd>
        <dt className="font-medium text-slate-700 dark:text-slate-300">
          {t('operator.trips.bus')}
        </dt>
        <dd className="break-words">
          {trip.bus.name} · {trip.bus.plateNumber}
        </dd>
        {trip.cancellation && (
          <>
            <dt className="font-medium text-slate-700 dark:text-slate-300">
              {t('operator.trips.cancelledBecause')}
            </dt>
            <dd className="break-words">{trip.cancellation.reason}</dd>
          </>
        )}
        {trip.salesClosed?.reason && trip.status !== 'cancelled' && (
          <>
            <dt className="font-medium text-slate-700 dark:text-slate-300">
              {t('operator.trips.closedBecause')}
            </dt>
            <dd className="break-words">{trip.salesClosed.reason}</dd>
          </>
        )}
      </dl>
      <div
        role="group"
        aria-label={t('operator.trips.actions', { route })}
        className="flex flex-wrap gap-2"
      >
        <Link to={`/operator/trips/${trip.id}/manifest`} className={buttonClass('secondary', 'sm')}>
          {t('operator.manifest.open')}
        </Link>
        {open && (
          <>
            <Button size="sm" variant="secondary" onClick={() => onAction('delay')}>
              {t('operator.delay.open')}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => onAction(trip.salesOpen ? 'closeSales' : 'openSales')}
            >
              {trip.salesOpen ? t('operator.closeSales.open') : t('operator.openSales.open')}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => onAction('fares')}>
              {t('operator.fares.open')}
            </Button>
            <Button size="sm" variant="danger" onClick={() => onAction('cancelTrip')}>
              {t('operator.cancelTrip.open')}
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
