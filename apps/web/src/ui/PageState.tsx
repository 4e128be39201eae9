import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isApiError } from '../api/problem';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { Alert } from './Alert';
import { Button, buttonClass } from './Button';
import { PageTitle } from './PageTitle';

/** What a page shows while its main data loads, or when it failed (404: `notFound`). */
export function PageState({
  query,
  notFound,
}: {
  query: Pick<UseQueryResult, 'isPending' | 'error' | 'refetch'>;
  notFound: MessageKey;
}) {
  const { t } = useI18n();
  if (query.isPending) {
    return (
      <div className="flex flex-col gap-4" aria-busy="true">
        <p className="sr-only" role="status">
          {t('common.loading')}
        </p>
        <div className="h-9 w-2/3 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
        <div className="h-64 animate-pulse rounded-2xl bg-slate-200 dark:bg-slate-800" />
      </div>
    );
  }
  const missing =
    isApiError(query.error) && (query.error.status === 404 || query.error.status === 400);
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>{missing ? t(notFound) : t('common.errorTitle')}</PageTitle>
      <Alert tone={missing ? 'info' : 'error'} role="alert">
        {missing ? t('common.notFoundHint') : (query.error?.message ?? t('common.unexpectedError'))}
      </Alert>
      <div className="flex flex-wrap gap-3">
        {!missing && <Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
        <Link to="/" className={buttonClass('secondary')}>
          {t('nav.search')}
        </Link>
      </div>
    </div>
  );
}
