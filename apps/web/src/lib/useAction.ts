import { useState } from 'react';
import { isApiError, type ApiError } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/**
 * Something the user asked for (a click, a submit): busy while it runs and, when it fails, why:
 * the server's problem (`problem`) and a message to show (`error`) — `explain`'s for the
 * failures it knows, else the server's, else a generic one.
 */
export function useAction(explain?: (failure: ApiError) => string | undefined) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const [error, setError] = useState<string>();
  const clear = () => {
    setProblem(undefined);
    setError(undefined);
  };
  /** The call's answer, or undefined when it failed. */
  const run = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    clear();
    try {
      return await call();
    } catch (failure) {
      const known = isApiError(failure) ? failure : undefined;
      setProblem(known);
      setError((known && explain?.(known)) ?? known?.message ?? t('common.unexpectedError'));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, problem, run, clear };
}
