import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { CheckboxField, TextField } from '../../ui/Field';
import {
  operatorKeys,
  WEBHOOK_EVENT_TYPES,
  webhookCalls,
  type WebhookEventType,
} from './operator-api';

type Registered = Awaited<ReturnType<typeof webhookCalls.register>>;

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Registers an endpoint: URL, the events it wants, a note for people. */
export function RegisterWebhookDialog({
  open,
  onOpenChange,
  onRegistered,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onRegistered(registered: Registered): void;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('operator.register.title')}
      description={t('operator.register.description')}
    >
      <RegisterForm onRegistered={onRegistered} />
    </Dialog>
  );
}

function RegisterForm({ onRegistered }: { onRegistered(registered: Registered): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const eventsId = useId();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [invalid, setInvalid] = useState<{ url?: string; events?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const toggle = (event: WebhookEventType, on: boolean) =>
    setEvents((current) =>
      on
        ? WEBHOOK_EVENT_TYPES.filter((type) => type === event || current.includes(type))
        : current.filter((type) => type !== event),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      url: !url.trim()
        ? t('operator.register.urlRequired')
        : isHttpUrl(url.trim())
          ? undefined
          : t('operator.register.urlInvalid'),
      events: events.length === 0 ? t('operator.register.eventsRequired') : undefined,
    };
    setInvalid(problems);
    if (problems.url || problems.events) return;
    setBusy(true);
    setError(undefined);
    try {
      const registered = await webhookCalls.register({
        url: url.trim(),
        events,
        description: description.trim() || undefined,
      });
      await queryClient.invalidateQueries({ queryKey: operatorKeys.webhooks });
      onRegistered(registered);
    } catch (failure) {
      if (isApiError(failure)) {
        const byField = Object.fromEntries(failure.errors.map((e) => [e.field, e.message]));
        setInvalid({ url: byField.url, events: byField.events });
        setError(failure.message);
      } else setError(t('common.unexpectedError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField
        label={t('operator.register.url')}
        hint={t('operator.register.urlHint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={2048}
        value={url}
        error={invalid.url}
        onChange={(event) => setUrl(event.target.value)}
      />
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={invalid.events ? `${eventsId}-error` : undefined}
        aria-invalid={invalid.events ? true : undefined}
      >
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          {t('operator.register.events')}
        </legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <CheckboxField
              key={type}
              label={<span className="font-mono text-xs sm:text-sm">{type}</span>}
              checked={events.includes(type)}
              onChange={(change) => toggle(type, change.target.checked)}
            />
          ))}
        </div>
        <div>
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              setEvents(
                events.length === WEBHOOK_EVENT_TYPES.length ? [] : [...WEBHOOK_EVENT_TYPES],
              )
            }
          >
            {events.length === WEBHOOK_EVENT_TYPES.length
              ? t('operator.register.none')
              : t('operator.register.all')}
          </Button>
        </div>
        {invalid.events && (
          <p
            id={`${eventsId}-error`}
            className="text-sm font-medium text-red-700 dark:text-red-300"
          >
            {invalid.events}
          </p>
        )}
      </fieldset>
      <TextField
        label={t('operator.register.note')}
        maxLength={200}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      <div className="mt-2 flex flex-wrap justify-end gap-3">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button type="submit" busy={busy}>
          {t('operator.register.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The signing secret, shown this once: the API never gives it again. */
export function SecretDialog({
  open,
  onOpenChange,
  registered,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  registered: { url: string; secret: string } | undefined;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean>();
  const secretId = useId();

  const copy = async () => {
    if (!registered) return;
    try {
      await navigator.clipboard.writeText(registered.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setCopied(undefined);
        onOpenChange(next);
      }}
      title={t('operator.secret.title')}
      description={registered && t('operator.secret.description', { url: registered.url })}
    >
      {registered && (
        <div className="flex flex-col gap-4">
          <Alert tone="warning" title={t('operator.secret.warningTitle')}>
            {t('operator.secret.warning')}
          </Alert>
          <div className="flex flex-col gap-1">
            <label htmlFor={secretId} className="text-sm font-medium">
              {t('operator.secret.label')}
            </label>
            <div className="flex flex-wrap gap-2">
              <input
                id={secretId}
                readOnly
                value={registered.secret}
                onFocus={(event) => event.target.select()}
                className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
                data-testid="webhook-secret"
              />
              <Button variant="secondary" onClick={() => void copy()}>
                {t('operator.secret.copy')}
              </Button>
            </div>
            <p role="status" className="min-h-5 text-sm">
              {copied === true && t('operator.secret.copied')}
              {copied === false && t('operator.secret.copyFailed')}
            </p>
          </div>
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button>{t('operator.secret.done')}</Button>
            </DialogClose>
          </div>
        </div>
      )}
    </Dialog>
  );
}
