import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useSession, type Account } from '../../session/session';
import { buttonClass } from '../../ui/Button';
import { PageTitle } from '../../ui/PageTitle';

/**
 * Shows its children to a signed-in admin (the operator's staff). Anyone else is told the page is
 * for operators only; someone not signed in may sign in and come back. The API checks the role
 * on every call: this only keeps travellers from a page that cannot work for them.
 */
export function RequireAdmin({ children }: { children: (account: Account) => ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  if (session?.kind === 'user' && session.account.role === 'admin') {
    return <>{children(session.account)}</>;
  }
  const signedIn = session?.kind === 'user';
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>{t('operator.only.title')}</PageTitle>
      <p>{signedIn ? t('operator.only.signedIn') : t('operator.only.body')}</p>
      <div className="flex flex-wrap gap-3">
        {!signedIn && (
          <Link to={`/sign-in?next=${next}`} className={buttonClass('primary')}>
            {t('nav.signIn')}
          </Link>
        )}
        <Link to="/" className={buttonClass('secondary')}>
          {t('nav.search')}
        </Link>
      </div>
    </div>
  );
}
