import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { PageTitle } from '../../ui/PageTitle';
import { useToaster } from '../../ui/Toaster';
import { DeliveriesPanel } from './DeliveriesPanel';
import { operatorKeys, useWebhooks, webhookCalls, type WebhookEndpoint } from './operator-api';
import { OperatorNav } from './OperatorNav';
import { RegisterWebhookDialog, SecretDialog } from './RegisterWebhookDialog';
import { RequireAdmin } from './RequireAdmin';

/** `/operator/webhooks`: where other systems hear of bookings and trips, and what was sent. */
export function WebhooksPage() {
  return <RequireAdmin>{() => <Webhooks />}</RequireAdmin>;
}

function Webhooks() {
  const { t, tp } = useI18n();
  const webhooks = useWebhooks();
  const [registering, setRegistering] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string }>();
  const [showSecret, setShowSecret] = useState(false);
  const [deleting, setDeleting] = useState<WebhookEndpoint>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const items = webhooks.data?.items ?? [];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageTitle>{t('operator.webhooks.title')}</PageTitle>
        <Button onClick={() => setRegistering(true)}>{t('operator.register.open')}</Button>
      </div>
      <OperatorNav />
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('operator.webhooks.intro')}</p>
      {webhooks.isError && (
        <Alert tone="error" role="alert">
          {webhooks.error.message}
        </Alert>
      )}
      {webhooks.isPending && <p role="status">{t('common.loading')}</p>}
      {webhooks.data && (
        <p className="text-sm text-slate-700 dark:text-slate-300" role="status">
          {tp('operator.webhooks.count', items.length)}
        </p>
      )}
      {webhooks.data && items.length === 0 && <Alert>{t('operator.webhooks.empty')}</Alert>}
      {items.length > 0 && (
        <ul className="flex flex-col gap-4" aria-label={t('operator.webhooks.list')}>
          {items.map((endpoint) => (
            <EndpointItem
              key={endpoint.id}
              endpoint={endpoint}
              onDelete={() => {
                setDeleting(endpoint);
                setConfirmDelete(true);
              }}
            />
          ))}
        </ul>
      )}
      <RegisterWebhookDialog
        open={registering}
        onOpenChange={setRegistering}
        onRegistered={(registered) => {
          setRegistering(false);
          setSecret({ url: registered.url, secret: registered.secret });
          setShowSecret(true);
        }}
      />
      <SecretDialog
        open={showSecret}
        onOpenChange={(open) => {
          setShowSecret(open);
          // The secret is forgotten as soon as the dialog closes: it cannot be shown again.
          if (!open) setTimeout(() => setSecret(undefined), 300);
        }}
        registered={secret}
      />
      {deleting && (
        <DeleteDialog endpoint={deleting} open={confirmDelete} onOpenChange={setConfirmDelete} />
      )}
    </div>
  );
}

function EndpointItem({ endpoint, onDelete }: { endpoint: WebhookEndpoint; onDelete(): void }) {
  const { t } = useI18n();
  const format = useFormat();
  const toaster = useToaster();
  const queryClient = useQueryClient();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [enabling, setEnabling] = useState(false);
  const [error, setError] = useState<string>();
  const headingId = `webhook-${endpoint.id}`;
  const panelId = `deliveries-${endpoint.id}`;

  const enable = async () => {
    setEnabling(true);
    setError(undefined);
    try {
      await webhookCalls.enable(endpoint.id);
      toaster.show({ tone: 'success', title: t('operator.webhooks.enabled') });
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError'));
    } finally {
      setEnabling(false);
      await queryClient.invalidateQueries({ queryKey: operatorKeys.webhooks });
    }
  };

  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="font-mono text-sm font-semibold break-all">
            {endpoint.url}
          </h2>
          {endpoint.description && (
            <p className="text-sm text-slate-700 dark:text-slate-300">{endpoint.description}</p>
          )}
        </div>
        <Badge tone={endpoint.status === 'active' ? 'success' : 'danger'}>
          {t(`operator.webhooks.status.${endpoint.status}`)}
        </Badge>
      </div>
      {endpoint.status === 'disabled' && (
        <Alert
          tone="warning"
          title={t('operator.webhooks.disabledTitle', {
            when: endpoint.disabledAt ? format.dateTime(endpoint.disabledAt) : '—',
          })}
          action={
            <Button size="sm" busy={enabling} onClick={() => void enable()}>
              {t('operator.webhooks.enable')}
            </Button>
          }
        >
          {endpoint.disabledReason ?? t('operator.webhooks.disabledNoReason')}
        </Alert>
      )}
      <div className="flex flex-col gap-1 text-sm">
        <p className="font-medium text-slate-700 dark:text-slate-300">
          {t('operator.webhooks.events')}
        </p>
        <ul className="flex flex-wrap gap-1.5" aria-label={t('operator.webhooks.events')}>
          {endpoint.events.map((event) => (
            <li key={event}>
              <Badge>{event}</Badge>
            </li>
          ))}
        </ul>
        <p className="text-slate-700 dark:text-slate-300">
          {t('operator.webhooks.created', { when: format.dateTime(endpoint.createdAt) })}
        </p>
      </div>
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          aria-expanded={showDeliveries}
          aria-controls={panelId}
          onClick={() => setShowDeliveries(!showDeliveries)}
        >
          {showDeliveries ? t('operator.deliveries.hide') : t('operator.deliveries.show')}
        </Button>
        <Button size="sm" variant="danger" onClick={onDelete}>
          {t('operator.webhooks.delete')}
        </Button>
      </div>
      <div id={panelId}>{showDeliveries && <DeliveriesPanel webhookId={endpoint.id} />}</div>
    </li>
  );
}

function DeleteDialog({
  endpoint,
  open,
  onOpenChange,
}: {
  endpoint: WebhookEndpoint;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useI18n();
  const toaster = useToaster();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await webhookCalls.remove(endpoint.id);
      toaster.show({ tone: 'success', title: t('operator.webhooks.deleted') });
      onOpenChange(false);
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError'));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: operatorKeys.webhooks });
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('operator.webhooks.deleteTitle')}
      description={t('operator.webhooks.deleteDescription')}
    >
      <div className="flex flex-col gap-4">
        <p className="font-mono text-sm break-all">{endpoint.url}</p>
        {error && (
          <Alert tone="error" role="alert">
            {error}
          </Alert>
        )}
        <div className="flex flex-wrap justify-end gap-3">
          <DialogClose asChild>
            <Button variant="secondary">{t('operator.webhooks.keep')}</Button>
          </DialogClose>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {t('operator.webhooks.deleteConfirm')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
