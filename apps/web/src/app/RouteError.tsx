import { useRouteError } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';

/** A page that failed to load or render (e.g. its code could not be fetched after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-10">
      <h1 className="text-2xl font-bold">{t('common.errorTitle')}</h1>
      <Alert tone="error" role="alert">
        {error instanceof Error ? error.message : t('common.unexpectedError')}
      </Alert>
      <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
    </main>
  );
}
