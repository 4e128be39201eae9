import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useAction } from '../../lib/useAction';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { saveAccessToken } from './access-tokens';

/**
 * `/find-booking`: a guest gets back to a booking with its reference and the contact's e-mail or
 * phone; when the service asks for it (202), a one-time code e-mailed to the contact.
 */
export function FindBookingPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [reference, setReference] = useState('');
  const [contact, setContact] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState<{ minutes: number }>();
  const { busy, error, run } = useAction((failure) =>
    failure.status === 404
      ? t('lookup.notFound')
      : failure.status === 429
        ? t('lookup.tooMany', { minutes: Math.ceil((failure.retryAfterSeconds ?? 60) / 60) })
        : failure.code.startsWith('guest.code')
          ? t('lookup.badCode')
          : undefined,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = contact.trim();
    await run(async () => {
      const answer = await unwrap(
        api.POST('/bookings/guest/verify', {
          body: {
            reference: reference.trim(),
            ...(value.includes('@') ? { email: value } : { phone: value }),
            ...(codeSent ? { code: code.trim() } : {}),
          },
        }),
      );
      if (answer.status === 'code_sent') {
        setCodeSent({ minutes: Math.round(answer.expiresInSeconds / 60) });
        return;
      }
      saveAccessToken(answer.booking.bookingId, answer.accessToken, answer.expiresAt);
      navigate(`/manage/${answer.booking.bookingId}`);
    });
  };

  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <PageTitle>{t('lookup.title')}</PageTitle>
        <p className="text-slate-700 dark:text-slate-300">{t('lookup.intro')}</p>
      </div>
      <Card>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <TextField
            label={t('lookup.reference')}
            hint={t('lookup.referenceHint')}
            value={reference}
            required
            autoComplete="off"
            spellCheck={false}
            disabled={codeSent !== undefined}
            onChange={(event) => setReference(event.target.value)}
          />
          <TextField
            label={t('lookup.contact')}
            hint={t('lookup.contactHint')}
            value={contact}
            required
            autoComplete="email"
            disabled={codeSent !== undefined}
            onChange={(event) => setContact(event.target.value)}
          />
          {codeSent && (
            <>
              <Alert tone="info" role="status">
                {t('lookup.codeSent', { minutes: codeSent.minutes })}
              </Alert>
              <TextField
                label={t('lookup.code')}
                hint={t('lookup.codeHint')}
                value={code}
                required
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                onChange={(event) => setCode(event.target.value)}
              />
            </>
          )}
          {error && (
            <Alert tone="error" role="alert">
              {error}
            </Alert>
          )}
          <div className="flex flex-wrap justify-end gap-3">
            {codeSent && (
              <Button
                variant="secondary"
                onClick={() => {
                  setCodeSent(undefined);
                  setCode('');
                }}
              >
                {t('lookup.startOver')}
              </Button>
            )}
            <Button type="submit" busy={busy}>
              {codeSent ? t('lookup.verify') : t('lookup.submit')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
