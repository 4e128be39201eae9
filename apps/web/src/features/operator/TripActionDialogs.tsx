import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../../api/problem';
import type { Money } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';
import { operatorKeys, tripCalls, type AdminTrip, type Fares } from './operator-api';
import { parseDong } from './money-input';
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

/** The server's problem, or a generic message when it gave none. */
function useFailure() {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  return {
    error,
    clear: () => setError(undefined),
    fail: (failure: unknown) =>
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError')),
  };
}

/** Runs an action: busy while it runs, the trip list refreshed after, the problem kept. */
function useTripAction() {
  const queryClient = useQueryClient();
  const failure = useFailure();
  const [busy, setBusy] = useState(false);
  const run = async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    failure.clear();
    try {
      return await call();
    } catch (error) {
      failure.fail(error);
      return undefined;
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: operatorKeys.trips });
    }
  };
  return { busy, error: failure.error, run };
}

function Footer({
  busy,
  submit,
  variant = 'primary',
  keep,
}: {
  busy: boolean;
  submit: string;
  variant?: 'primary' | 'danger';
  keep?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="mt-2 flex flex-wrap justify-end gap-3">
      <DialogClose asChild>
        <Button variant="secondary">{keep ?? t('common.cancel')}</Button>
      </DialogClose>
      <Button type="submit" variant={variant} busy={busy}>
        {submit}
      </Button>
    </div>
  );
}

function ProblemAlert({ error }: { error: string | undefined }) {
  return error ? (
    <Alert tone="error" role="alert">
      {error}
    </Alert>
  ) : null;
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

const SEAT_TYPES = ['standard', 'limousine', 'sleeper'] as const;
type SeatType = (typeof SEAT_TYPES)[number];

function FaresForm({ trip, onDone }: { trip: AdminTrip; onDone(): void }) {
  const { t } = useI18n();
  const format = useFormat();
  const toaster = useToaster();
  const { busy, error, run } = useTripAction();
  const currency = trip.fares.standard.currency;
  const [values, setValues] = useState<Record<SeatType, string>>(() => ({
    standard: String(trip.fares.standard.amount),
    limousine: trip.fares.limousine ? String(trip.fares.limousine.amount) : '',
    sleeper: trip.fares.sleeper ? String(trip.fares.sleeper.amount) : '',
  }));
  const [invalid, setInvalid] = useState<Partial<Record<SeatType, string>>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<SeatType, string>> = {};
    const fares: Partial<Record<SeatType, Money>> = {};
    for (const type of SEAT_TYPES) {
      const text = values[type].trim();
      if (!text) {
        if (type === 'standard') problems[type] = t('operator.fares.required');
        continue;
      }
      const amount = parseDong(text);
      if (amount === undefined || amount <= 0) problems[type] = t('operator.fares.invalid');
      else fares[type] = { amount, currency };
    }
    setInvalid(problems);
    if (Object.keys(problems).length > 0 || !fares.standard) return;
    const answer = await run(() => tripCalls.fares(trip.id, fares as Fares));
    if (!answer) return;
    toaster.show({ tone: 'success', title: t('operator.fares.done') });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {SEAT_TYPES.map((type) => {
        const amount = parseDong(values[type]);
        return (
          <TextField
            key={type}
            label={t('operator.fares.label', {
              type: t(`seat.typeName.${type}`),
              currency,
            })}
            inputMode="numeric"
            autoComplete="off"
            required={type === 'standard'}
            value={values[type]}
            error={invalid[type]}
            hint={
              amount !== undefined && amount > 0
                ? format.money({ amount, currency })
                : type === 'standard'
                  ? undefined
                  : t('operator.fares.optional')
            }
            onChange={(event) => setValues({ ...values, [type]: event.target.value })}
          />
        );
      })}
      <ProblemAlert error={error} />
      <Footer busy={busy} submit={t('operator.fares.submit')} />
    </form>
  );
}
