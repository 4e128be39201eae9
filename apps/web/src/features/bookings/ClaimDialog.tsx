import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useAction } from '../../lib/useAction';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';

/** Take a guest booking into the account: reference + contact e-mail (then a code if asked). */
export function ClaimDialog({
  userId,
  defaultEmail,
  open,
  onOpenChange,
}: {
  userId: string;
  defaultEmail: string;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useI18n();
  const toaster = useToaster();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const [email, setEmail] = useState(defaultEmail);
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const { busy, error, run } = useAction((failure) =>
    failure.status === 404 ? t('claim.notFound') : undefined,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const answer = await unwrap(
        api.POST('/users/{userId}/bookings/claim', {
          params: { path: { userId } },
          body: {
            reference: reference.trim(),
            email: email.trim(),
            ...(codeSent ? { code: code.trim() } : {}),
          },
        }),
      );
      if (answer.status === 'code_sent') {
        setCodeSent(true);
        return;
      }
      toaster.show({
        tone: 'success',
        title: t('claim.done', { reference: answer.bookingReference }),
      });
      await queryClient.invalidateQueries({ queryKey: ['user-bookings'] });
      onOpenChange(false);
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('claim.title')}
      description={t('claim.description')}
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <TextField
          label={t('lookup.reference')}
          value={reference}
          required
          autoComplete="off"
          onChange={(event) => setReference(event.target.value)}
        />
        <TextField
          label={t('claim.email')}
          type="email"
          value={email}
          required
          onChange={(event) => setEmail(event.target.value)}
        />
        {codeSent && (
          <TextField
            label={t('lookup.code')}
            hint={t('lookup.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            required
            onChange={(event) => setCode(event.target.value)}
          />
        )}
        {error && (
          <Alert tone="error" role="alert">
            {error}
          </Alert>
        )}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" busy={busy}>
            {codeSent ? t('lookup.verify') : t('claim.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
