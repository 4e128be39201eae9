import { useI18n } from '../i18n/i18n';
import { Alert } from './Alert';

interface ListQuery {
  isError: boolean;
  error: Error | null;
  isPending: boolean;
  data?: unknown;
}

/** Above a list: its query's error, or that it is loading, then how many there are (`count`). */
export function ListStatus({ query, count }: { query: ListQuery; count: string }) {
  const { t } = useI18n();
  return (
    <>
      {query.isError && (
        <Alert tone="error" role="alert">
          {query.error?.message}
        </Alert>
      )}
      {query.isPending && <p role="status">{t('common.loading')}</p>}
      {query.data !== undefined && (
        <p className="text-sm text-slate-700 dark:text-slate-300" role="status">
          {count}
        </p>
      )}
    </>
  );
}
