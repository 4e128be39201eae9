import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useSession, type Account } from '../../session/session';
import { buttonClass } from '../../ui/Button';
import { PageTitle } from '../../ui/PageTitle';

/** Shows its children to a signed-in user; others are asked to sign in (and come back). */
export function RequireUser({
  children,
}: {
  children: ReactNode | ((account: Account) => ReactNode);
}) {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  if (session?.kind !== 'user') {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <div className="flex flex-col gap-4">
        <PageTitle>{t('auth.required.title')}</PageTitle>
        <p>{t('auth.required.body')}</p>
        <div className="flex flex-wrap gap-3">
          <Link to={`/sign-in?next=${next}`} className={buttonClass('primary')}>
            {t('nav.signIn')}
          </Link>
          <Link to="/find-booking" className={buttonClass('secondary')}>
            {t('nav.findBooking')}
          </Link>
        </div>
      </div>
    );
  }
  return <>{typeof children === 'function' ? children(session.account) : children}</>;
}
