import { useFormContext } from 'react-hook-form';
import { useI18n } from '../../i18n/i18n';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';
import { ID_TYPES, PASSENGER_TYPES, type TravellersValues } from './passenger-rules';

interface PassengerFieldsetProps {
  index: number;
  seatNumber: string;
  seatDescription: string;
  seatIsAccessible: boolean;
  /** The first passenger's fields feed the browser's autofill (name, e-mail). */
  autofill: boolean;
}

/** One passenger's fields, grouped under the seat they travel on. */
export function PassengerFieldset({
  index,
  seatNumber,
  seatDescription,
  seatIsAccessible,
  autofill,
}: PassengerFieldsetProps) {
  const { t } = useI18n();
  const {
    register,
    formState: { errors },
  } = useFormContext<TravellersValues>();
  const fieldErrors = errors.passengers?.[index];
  const name = <K extends keyof TravellersValues['passengers'][number]>(field: K) =>
    `passengers.${index}.${field}` as const;

  return (
    <fieldset className="rounded-2xl border border-slate-200 p-4 sm:p-5 dark:border-slate-700">
      <legend className="px-1 text-base font-semibold">
        {t('passengers.legend', { number: index + 1, seat: seatNumber })}
      </legend>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{seatDescription}</p>
      <input type="hidden" {...register(name('seatNumber'))} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('form.fullName')}
          autoComplete={autofill ? 'name' : 'off'}
          error={fieldErrors?.fullName?.message}
          frameClassName="sm:col-span-2"
          {...register(name('fullName'))}
        />
        <SelectField
          label={t('form.idType')}
          error={fieldErrors?.idType?.message}
          {...register(name('idType'))}
        >
          {ID_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`form.idType.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('form.idNumber')}
          autoComplete="off"
          spellCheck={false}
          hint={t('form.idNumber.hint')}
          error={fieldErrors?.idNumber?.message}
          {...register(name('idNumber'))}
        />
        <TextField
          label={t('form.phone')}
          type="tel"
          inputMode="tel"
          autoComplete={autofill ? 'tel' : 'off'}
          hint={t('form.phone.hint')}
          error={fieldErrors?.phone?.message}
          {...register(name('phone'))}
        />
        <TextField
          label={t('form.email')}
          type="email"
          autoComplete={autofill ? 'email' : 'off'}
          hint={t('form.email.optional')}
          error={fieldErrors?.email?.message}
          {...register(name('email'))}
        />
        <SelectField
          label={t('form.passengerType')}
          hint={t('form.passengerType.hint')}
          error={fieldErrors?.passengerType?.message}
          {...register(name('passengerType'))}
        >
          {PASSENGER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`passengerType.${type}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('form.needsAccessibleSeat')}
          hint={seatIsAccessible ? t('form.accessible.seatIs') : t('form.accessible.seatIsNot')}
          error={fieldErrors?.needsAccessibleSeat?.message}
          className="self-center sm:col-span-2"
          {...register(name('needsAccessibleSeat'))}
        />
      </div>
    </fieldset>
  );
}
