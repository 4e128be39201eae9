import { useFormContext } from 'react-hook-form';
import { useI18n } from '../../i18n/i18n';
import { TextField } from '../../ui/Field';
import type { TravellersValues } from './passenger-rules';

/** Where the booking's e-mails go (e-ticket, codes) and whom the operator calls. */
export function ContactFieldset() {
  const { t } = useI18n();
  const {
    register,
    formState: { errors },
  } = useFormContext<TravellersValues>();
  return (
    <fieldset className="rounded-2xl border border-slate-200 p-4 sm:p-5 dark:border-slate-700">
      <legend className="px-1 text-base font-semibold">{t('contact.legend')}</legend>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t('contact.intro')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('form.email')}
          type="email"
          autoComplete="email"
          error={errors.contact?.email?.message}
          {...register('contact.email')}
        />
        <TextField
          label={t('form.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          hint={t('form.phone.hint')}
          error={errors.contact?.phone?.message}
          {...register('contact.phone')}
        />
      </div>
    </fieldset>
  );
}
