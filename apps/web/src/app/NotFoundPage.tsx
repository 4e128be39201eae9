import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { buttonClass } from '../ui/Button';
import { PageTitle } from '../ui/PageTitle';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="flex flex-col items-start gap-4">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <Link to="/" className={buttonClass('primary')}>
        {t('nav.search')}
      </Link>
    </div>
  );
}
