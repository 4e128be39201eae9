import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n';
import { useAction } from '../../lib/useAction';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DialogClose } from '../../ui/Dialog';
import { operatorKeys } from './operator-api';

/** An operator's action on trips (see useAction), the trip list refreshed after it. */
export function useTripAction() {
  const queryClient = useQueryClient();
  const action = useAction();
  const run = async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await action.run(call);
    } finally {
      await queryClient.invalidateQueries({ queryKey: operatorKeys.trips });
    }
  };
  return { ...action, run };
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
