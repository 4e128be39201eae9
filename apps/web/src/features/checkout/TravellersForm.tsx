import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, type ReactNode } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { FieldViolation } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ContactFieldset } from './ContactFieldset';
import type { TravellersValues } from './passenger-rules';
import { PassengerFieldset } from './PassengerFieldset';
import { travellersSchema } from './travellers-schema';
import { violationField, violationMessage, type TravellersField } from './violations';

export interface SeatForForm {
  seatNumber: string;
  description: string;
  accessible: boolean;
}

interface TravellersFormProps {
  seats: readonly SeatForForm[];
  defaultValues: TravellersValues;
  withContact: boolean;
  countryCode: string;
  /** Field errors from the API (problem+json `errors[]`), shown at their fields. */
  serverErrors?: readonly FieldViolation[];
  submitLabel: string;
  busy?: boolean;
  onSubmit(values: TravellersValues): void;
  /** Extra actions beside the submit button (Back, Cancel). */
  actions?: ReactNode;
}

/** One fieldset per seat, plus the booking's contact: validated as the API validates. */
export function TravellersForm({
  seats,
  defaultValues,
  withContact,
  countryCode,
  serverErrors = [],
  submitLabel,
  busy = false,
  onSubmit,
  actions,
}: TravellersFormProps) {
  const { t } = useI18n();
  const accessibleSeats = useMemo(
    () => new Set(seats.filter((seat) => seat.accessible).map((seat) => seat.seatNumber)),
    [seats],
  );
  const schema = useMemo(
    () => travellersSchema({ countryCode, withContact, accessibleSeats, t }),
    [countryCode, withContact, accessibleSeats, t],
  );
  const form = useForm<TravellersValues>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: 'onTouched',
  });

  const unplaced = serverErrors.filter((violation) => !violationField(violation));
  useEffect(() => {
    let first: TravellersField | undefined;
    for (const violation of serverErrors) {
      const field = violationField(violation);
      if (!field) continue;
      form.setError(field, { type: 'server', message: violationMessage(t, violation) });
      first ??= field;
    }
    if (first) form.setFocus(first);
  }, [serverErrors, form, t]);

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-6">
        {unplaced.length > 0 && (
          <Alert tone="error" role="alert" title={t('form.serverErrors')}>
            <ul className="list-disc pl-5">
              {unplaced.map((violation) => (
                <li key={`${violation.field}:${violation.rule}`}>{violation.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        {seats.map((seat, index) => (
          <PassengerFieldset
            key={seat.seatNumber}
            index={index}
            seatNumber={seat.seatNumber}
            seatDescription={seat.description}
            seatIsAccessible={seat.accessible}
            autofill={index === 0}
          />
        ))}
        {withContact && <ContactFieldset />}
        <div className="flex flex-wrap justify-end gap-3">
          {actions}
          <Button type="submit" busy={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
