import { NavLink } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { cx } from '../../lib/cx';

const tabClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    '-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-semibold',
    isActive
      ? 'border-brand-600 text-brand-800 dark:border-brand-300 dark:text-brand-100'
      : 'border-transparent text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white',
  );

/** The operator area's sections. */
export function OperatorNav() {
  const { t } = useI18n();
  return (
    <nav
      aria-label={t('operator.nav')}
      className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800"
    >
      <NavLink to="/operator/trips" className={tabClass}>
        {t('operator.nav.trips')}
      </NavLink>
      <NavLink to="/operator/webhooks" className={tabClass}>
        {t('operator.nav.webhooks')}
      </NavLink>
    </nav>
  );
}
