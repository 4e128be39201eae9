import { Link, NavLink } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { cx } from '../lib/cx';
import { useSession } from '../session/session';
import { useTheme } from '../theme/theme';
import { buttonClass } from '../ui/Button';
import { DeferredPopover } from '../ui/DeferredPopover';
import {
  AccountTriggerFace,
  accountTriggerClass,
  LANGUAGE_NAMES,
  SettingsTriggerFace,
  settingsTriggerClass,
} from './menu-triggers';

const navClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    'rounded-lg px-2.5 py-2 text-sm font-medium whitespace-nowrap',
    isActive
      ? 'bg-brand-50 text-brand-900 dark:bg-slate-800 dark:text-brand-100'
      : 'text-slate-700 hover:bg-slate-100 hover:text-slate-950 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white',
  );

export function Header() {
  const { t, lang } = useI18n();
  const { resolved } = useTheme();
  const session = useSession();
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
        <Link
          to="/"
          className="flex items-center gap-2 py-1 text-lg font-extrabold tracking-tight text-brand-700 dark:text-brand-200"
        >
          <span
            aria-hidden="true"
            className="inline-flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white"
          >
            V
          </span>
          VéXe
        </Link>
        <nav
          aria-label={t('nav.label')}
          className="order-3 -mx-2 flex w-full gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:w-auto sm:flex-1"
        >
          <NavLink to="/" end className={navClass}>
            {t('nav.search')}
          </NavLink>
          <NavLink to="/find-booking" className={navClass}>
            {t('nav.findBooking')}
          </NavLink>
          {session?.kind === 'user' && (
            <NavLink to="/account/bookings" className={navClass}>
              {t('nav.myBookings')}
            </NavLink>
          )}
          {session?.kind === 'user' && session.account.role === 'admin' && (
            <NavLink to="/operator" className={navClass}>
              {t('nav.operator')}
            </NavLink>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <DeferredPopover
            load={() => import('./SettingsMenu')}
            label={t('settings.open', {
              lang: LANGUAGE_NAMES[lang],
              theme: t(`settings.theme.${resolved}`),
            })}
            className={settingsTriggerClass}
          >
            <SettingsTriggerFace lang={lang} dark={resolved === 'dark'} />
          </DeferredPopover>
          {session?.kind === 'user' ? (
            <DeferredPopover
              key={session.account.id}
              load={() => import('./AccountMenu')}
              label={t('account.menu', { name: session.account.name })}
              className={accountTriggerClass}
            >
              <AccountTriggerFace account={session.account} />
            </DeferredPopover>
          ) : (
            <Link to="/sign-in" className={buttonClass('secondary', 'sm')}>
              {t('nav.signIn')}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
