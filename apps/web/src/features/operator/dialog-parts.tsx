import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError, type ApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DialogClose } from '../../ui/Dialog';
import { operatorKeys } from './operator-api';

/**
 * Runs an operator's action on trips: busy while it runs, the trip list refreshed after, the
 * server's problem kept (its message, or a generic one when it gave none).
 */
export function useTripAction() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const [error, setError] = useState<string>();
  const run = async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    setError(undefined);
    try {
      return await call();
    } catch (failure) {
      setProblem(isApiError(failure) ? failure : undefined);
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError'));
      return undefined;
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: operatorKeys.trips });
    }
  };
  return { busy, error, problem, run };
}

/** Cancel (or `keep`) and the submit button, under a dialog's form. */
export function Footer({
  busy,
  submit,
  variant = 'primary',
  keep,
}: {
  busy: boolean;
  submit: string;
  variant?: 'primary' | 'danger';
  keep?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="mt-2 flex flex-wrap justify-end gap-3">
      <DialogClose asChild>
        <Button variant="secondary">{keep ?? t('common.cancel')}</Button>
      </DialogClose>
      <Button type="submit" variant={variant} busy={busy}>
        {submit}
      </Button>
    </div>
  );
}

export function ProblemAlert({ error }: { error: string | undefined }) {
  return error ? (
    <Alert tone="error" role="alert">
      {error}
    </Alert>
  ) : null;
}
