import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { DemoAccount } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { signIn } from '../../session/session';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { PageTitle } from '../../ui/PageTitle';

/** Only paths of this app, so that `?next=` cannot send anyone elsewhere. */
const safeNext = (next: string | null) =>
  next && /^\/(?!\/)/.test(next) ? next : '/account/bookings';

export const demoAccountsQuery = {
  queryKey: ['demo-accounts'],
  queryFn: () => unwrap(api.GET('/dev/accounts')),
  retry: false,
  staleTime: Infinity,
} as const;

/**
 * `/sign-in`: the DEMO sign-in (outside production only). Real sign-in belongs to the platform's
 * auth service; this mints a short-lived token for a demo user or admin so the product can be
 * tried after `npm start`.
 */
export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const accounts = useQuery(demoAccountsQuery);
  const signingIn = useMutation({
    mutationFn: (account: DemoAccount) =>
      unwrap(api.POST('/dev/sign-in', { body: { role: account.role } })),
    onSuccess: (answer) => {
      signIn(answer.token, answer.expiresAt, answer.account);
      navigate(safeNext(params.get('next')));
    },
  });

  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-6">
      <PageTitle>{t('signIn.title')}</PageTitle>
      {accounts.isError ? (
        <Alert tone="info" role="status">
          {t('signIn.unavailable')}
        </Alert>
      ) : (
        <>
          <Alert tone="warning" title={t('signIn.demoTitle')}>
            {t('signIn.demoBody')}
          </Alert>
          {signingIn.isError && (
            <Alert tone="error" role="alert">
              {signingIn.error.message}
            </Alert>
          )}
          <ul className="flex flex-col gap-3">
            {accounts.data?.accounts.map((account) => (
              <li key={account.role}>
                <Card className="flex flex-wrap items-center justify-between gap-3">
                  <div>
                    <p className="font-semibold">{account.name}</p>
                    <p className="text-sm text-slate-700 dark:text-slate-300">
                      {account.email} · {t(`signIn.role.${account.role}`)}
                    </p>
                  </div>
                  <Button
                    busy={signingIn.isPending && signingIn.variables?.role === account.role}
                    onClick={() => signingIn.mutate(account)}
                  >
                    {t(`signIn.as.${account.role}`)}
                  </Button>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
