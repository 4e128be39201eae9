import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';
import { Footer, ProblemAlert, useTripAction } from './dialog-parts';
import { FareFields, fareTextsOf, readFares, type FareProblems } from './fare-fields';
import { tripCalls, type AdminTrip } from './operator-api';
import { zonedIsoToLocal, zonedLocalToIso } from './zoned-time';

export type TripAction = 'delay' | 'cancelTrip' | 'closeSales' | 'openSales' | 'fares';

const REASON_MAX = 500;

/**
 * The dialog of one action on a trip. `trip` stays set while the dialog closes (its content
 * fades out with it); `open` says whether it shows.
 */
export function TripActionDialog({
  action,
  trip,
  open,
  onOpenChange,
}: {
  action: TripAction | undefined;
  trip: AdminTrip | undefined;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useI18n();
  if (!action || !trip) return null;
  const route = `${trip.origin} → ${trip.destination}`;
  const close = () => onOpenChange(false);
  const body: Record<TripAction, ReactNode> = {
    delay: <DelayForm trip={trip} onDone={close} />,
    cancelTrip: <CancelForm trip={trip} onDone={close} />,
    closeSales: <CloseSalesForm trip={trip} onDone={close} />,
    openSales: <OpenSalesForm trip={trip} onDone={close} />,
    fares: <FaresForm trip={trip} onDone={close} />,
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t(`operator.${action}.title`, { route })}
      description={t(`operator.${action}.description`)}
    >
      {body[action]}
    </Dialog>
  );
}

function DelayForm({ trip, onDone }: { trip: AdminTrip; onDone(): void }) {
  const { t } = useI18n();
  const format = useFormat();
  const toaster = useToaster();
  const { busy, error, run } = useTripAction();
  const current = zonedIsoToLocal(trip.departureAt, format.timeZone);
  const [when, setWhen] = useState(current);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<{ when?: string; reason?: string }>({});
  const [result, setResult] = useState<{ departureAt: string; freeUntil: string }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const iso = zonedLocalToIso(when, format.timeZone);
    const problems = {
      when: !iso
        ? t('operator.delay.whenInvalid')
        : Date.parse(iso) <= Date.parse(trip.departureAt)
          ? t('operator.delay.whenNotLater', { current: format.dateTime(trip.departureAt) })
          : undefined,
      reason: reason.trim() ? undefined : t('operator.reasonRequired'),
    };
    setInvalid(problems);
    if (!iso || problems.when || problems.reason) return;
    const answer = await run(() => tripCalls.delay(trip.id, iso, reason.trim()));
    if (!answer) return;
    if (answer.freeCancellationUntil) {
      setResult({ departureAt: answer.departureAt, freeUntil: answer.freeCancellationUntil });
      return;
    }
    toaster.show({
      tone: 'success',
      title: t('operator.delay.done', { departure: format.dateTime(answer.departureAt) }),
    });
    onDone();
  };

  if (result) {
    return (
      <div className="flex flex-col gap-4">
        <Alert
          tone="success"
          role="status"
          title={t('operator.delay.done', {
            departure: format.dateTime(result.departureAt),
          })}
        >
          {t('operator.delay.freeCancellation', { until: format.dateTime(result.freeUntil) })}
        </Alert>
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button>{t('common.close')}</Button>
          </DialogClose>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField
        label={t('operator.delay.when')}
        hint={t('operator.delay.whenHint', {
          zone: format.timeZone,
          current: format.dateTime(trip.departureAt),
        })}
        type="datetime-local"
        required
        min={current}
        value={when}
        error={invalid.when}
        onChange={(event) => setWhen(event.target.value)}
      />
      <TextField
        label={t('operator.reason')}
        hint={t('operator.reasonToPassengers')}
        required
        maxLength={REASON_MAX}
        value={reason}
        error={invalid.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <ProblemAlert error={error} />
      <Footer busy={busy} submit={t('operator.delay.submit')} />
    </form>
  );
}

function CancelForm({ trip, onDone }: { trip: AdminTrip; onDone(): void }) {
  const { t } = useI18n();
  const toaster = useToaster();
  const { busy, error, run } = useTripAction();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setInvalid(t('operator.reasonRequired'));
      return;
    }
    setInvalid(undefined);
    const answer = await run(() => tripCalls.cancel(trip.id, reason.trim()));
    if (!answer) return;
    toaster.show({
      tone: 'success',
      title: t('operator.cancelTrip.done'),
      description: t('operator.cancelTrip.holdsReleased', { count: answer.holdsReleased }),
    });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Alert tone="warning">
        {t('operator.cancelTrip.warning', { booked: trip.seatsBooked, held: trip.seatsHeld })}
      </Alert>
      <TextField
        label={t('operator.reason')}
        hint={t('operator.reasonToPassengers')}
        required
        maxLength={REASON_MAX}
        value={reason}
        error={invalid}
        onChange={(event) => setReason(event.target.value)}
      />
      <ProblemAlert error={error} />
      <Footer
        busy={busy}
        variant="danger"
        keep={t('operator.cancelTrip.keep')}
        submit={t('operator.cancelTrip.submit')}
      />
    </form>
  );
}

function CloseSalesForm({ trip, onDone }: { trip: AdminTrip; onDone(): void }) {
  const { t } = useI18n();
  const toaster = useToaster();
  const { busy, error, run } = useTripAction();
  const [reason, setReason] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await run(() => tripCalls.closeSales(trip.id, reason.trim() || undefined));
    if (!answer) return;
    toaster.show({ tone: 'success', title: t('operator.closeSales.done') });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField
        label={t('operator.reasonOptional')}
        maxLength={REASON_MAX}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <ProblemAlert error={error} />
      <Footer busy={busy} submit={t('operator.closeSales.submit')} />
    </form>
  );
}

function OpenSalesForm({ trip, onDone }: { trip: AdminTrip; onDone(): void }) {
  const { t } = useI18n();
  const toaster = useToaster();
  const { busy, error, run } = useTripAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await run(() => tripCalls.openSales(trip.id));
    if (!answer) return;
    toaster.show({ tone: 'success', title: t('operator.openSales.done') });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {trip.salesClosed?.reason && (
        <p className="text-sm">
          {t('operator.trips.closedBecause')}: {trip.salesClosed.reason}
        </p>
      )}
      <ProblemAlert error={error} />
      <Footer busy={busy} submit={t('operator.openSales.submit')} />
    </form>
  );
}

function FaresForm({ trip, onDone }: { trip: AdminTrip; onDone(): void }) {
  const { t } = useI18n();
  const toaster = useToaster();
  const { busy, error, run } = useTripAction();
  const currency = trip.fares.standard.currency;
  const [texts, setTexts] = useState(() => fareTextsOf(trip.fares));
  const [invalid, setInvalid] = useState<FareProblems>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { fares, problems } = readFares(texts, ['standard'], currency, t);
    setInvalid(problems);
    if (!fares) return;
    const answer = await run(() => tripCalls.fares(trip.id, fares));
    if (!answer) return;
    toaster.show({ tone: 'success', title: t('operator.fares.done') });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FareFields texts={texts} onChange={setTexts} problems={invalid} currency={currency} />
      <ProblemAlert error={error} />
      <Footer busy={busy} submit={t('operator.fares.submit')} />
    </form>
  );
}
