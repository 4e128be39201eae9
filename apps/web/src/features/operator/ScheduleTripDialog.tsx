import { useState, type FormEvent } from 'react';
import { formPath } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';
import { Footer, ProblemAlert, useTripAction } from './dialog-parts';
import {
  FareFields,
  fareTextsOf,
  readFares,
  SEAT_TYPES,
  type FareProblems,
  type SeatType,
} from './fare-fields';
import { tripCalls, useBuses, type Bus } from './operator-api';
import { zonedLocalToIso } from './zoned-time';

type Field = 'busId' | 'origin' | 'destination' | 'departureAt' | 'arrivalAt' | 'maxSeats';

/** A new trip on one of the operator's buses: route, local times, a fare per seat type. */
export function ScheduleTripDialog({
  open,
  onOpenChange,
  currency,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  currency: string;
}) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('operator.schedule.title')}
      description={t('operator.schedule.description', { zone: format.timeZone })}
    >
      <ScheduleTripForm currency={currency} onDone={() => onOpenChange(false)} />
    </Dialog>
  );
}

/** The seat types of a bus, standard first (its fare is always asked for). */
const seatTypesOf = (bus: Bus | undefined): SeatType[] =>
  SEAT_TYPES.filter((type) => type === 'standard' || bus?.seats.some((seat) => seat.type === type));

function ScheduleTripForm({ currency, onDone }: { currency: string; onDone(): void }) {
  const { t } = useI18n();
  const format = useFormat();
  const toaster = useToaster();
  const buses = useBuses();
  const { busy, error, problem, run } = useTripAction();
  const [form, setForm] = useState({
    busId: '',
    origin: '',
    destination: '',
    departureAt: '',
    arrivalAt: '',
    maxSeats: '',
  });
  const [fares, setFares] = useState(fareTextsOf);
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const [fareProblems, setFareProblems] = useState<FareProblems>({});
  const bus = buses.data?.items.find((candidate) => candidate.id === form.busId);
  const types = seatTypesOf(bus);
  // The server's word on a field (e.g. a departure already past), under that field.
  const said = (field: string) =>
    problem?.errors.find((violation) => formPath(violation.field).startsWith(field))?.message;
  const set = (field: Field, value: string) => setForm({ ...form, [field]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const departureAt = zonedLocalToIso(form.departureAt, format.timeZone);
    const arrivalAt = zonedLocalToIso(form.arrivalAt, format.timeZone);
    const maxSeats = form.maxSeats.trim() ? Number(form.maxSeats.trim()) : undefined;
    const problems: Partial<Record<Field, string>> = {
      busId: form.busId ? undefined : t('operator.schedule.busRequired'),
      origin: form.origin.trim() ? undefined : t('operator.schedule.placeRequired'),
      destination: form.destination.trim() ? undefined : t('operator.schedule.placeRequired'),
      departureAt: departureAt ? undefined : t('operator.schedule.timeInvalid'),
      arrivalAt: !arrivalAt
        ? t('operator.schedule.timeInvalid')
        : departureAt && Date.parse(arrivalAt) <= Date.parse(departureAt)
          ? t('operator.schedule.arrivalNotAfter')
          : undefined,
      maxSeats:
        maxSeats === undefined || (Number.isInteger(maxSeats) && maxSeats >= 1 && maxSeats <= 50)
          ? undefined
          : t('operator.schedule.maxSeatsInvalid'),
    };
    const read = readFares(fares, types, currency, t, types);
    const tripFares = read.fares;
    setInvalid(problems);
    setFareProblems(read.problems);
    if (Object.values(problems).some(Boolean) || !tripFares || !departureAt || !arrivalAt) return;
    const trip = await run(() =>
      tripCalls.schedule({
        busId: form.busId,
        origin: form.origin.trim(),
        destination: form.destination.trim(),
        departureAt,
        arrivalAt,
        fares: tripFares,
        ...(maxSeats !== undefined ? { maxSeatsPerBooking: maxSeats } : {}),
      }),
    );
    if (!trip) return;
    toaster.show({
      tone: 'success',
      title: t('operator.schedule.done', {
        route: `${trip.origin} → ${trip.destination}`,
        departure: format.dateTime(trip.departureAt),
      }),
    });
    onDone();
  };

  if (buses.data && buses.data.items.length === 0) {
    return <Alert tone="warning">{t('operator.schedule.noBuses')}</Alert>;
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <SelectField
        label={t('operator.schedule.bus')}
        required
        value={form.busId}
        error={invalid.busId ?? said('busId')}
        onChange={(event) => set('busId', event.target.value)}
      >
        <option value="">{t('operator.schedule.busChoose')}</option>
        {buses.data?.items.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {t('operator.schedule.busOption', {
              name: candidate.name,
              plate: candidate.plateNumber,
              count: candidate.seatCount,
            })}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('operator.schedule.origin')}
          required
          maxLength={100}
          value={form.origin}
          error={invalid.origin ?? said('origin')}
          onChange={(event) => set('origin', event.target.value)}
        />
        <TextField
          label={t('operator.schedule.destination')}
          required
          maxLength={100}
          value={form.destination}
          error={invalid.destination ?? said('destination')}
          onChange={(event) => set('destination', event.target.value)}
        />
        <TextField
          label={t('operator.schedule.departure')}
          type="datetime-local"
          required
          value={form.departureAt}
          error={invalid.departureAt ?? said('departureAt')}
          onChange={(event) => set('departureAt', event.target.value)}
        />
        <TextField
          label={t('operator.schedule.arrival')}
          type="datetime-local"
          required
          min={form.departureAt || undefined}
          value={form.arrivalAt}
          error={invalid.arrivalAt ?? said('arrivalAt')}
          onChange={(event) => set('arrivalAt', event.target.value)}
        />
      </div>
      <FareFields
        texts={fares}
        onChange={setFares}
        problems={{
          ...Object.fromEntries(types.map((type) => [type, said(`fares.${type}`)])),
          ...fareProblems,
        }}
        currency={currency}
        shown={types}
        needed={types}
      />
      <TextField
        label={t('operator.schedule.maxSeats')}
        hint={t('operator.schedule.maxSeatsHint')}
        inputMode="numeric"
        autoComplete="off"
        value={form.maxSeats}
        error={invalid.maxSeats ?? said('maxSeatsPerBooking')}
        onChange={(event) => set('maxSeats', event.target.value)}
      />
      <ProblemAlert error={error} />
      <Footer busy={busy} submit={t('operator.schedule.submit')} />
    </form>
  );
}
