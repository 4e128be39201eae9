import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { Alert } from '../../ui/Alert';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { ListStatus } from '../../ui/ListStatus';
import { useToaster } from '../../ui/Toaster';
import {
  operatorKeys,
  useDeliveries,
  webhookCalls,
  type DeliveryStatus,
  type WebhookDelivery,
} from './operator-api';

const PAGE_SIZE = 10;
const STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed'];
const TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: 'warning',
  succeeded: 'success',
  failed: 'danger',
};

/** An endpoint's deliveries, newest first, each one sent again on request. */
export function DeliveriesPanel({ webhookId }: { webhookId: string }) {
  const { t, tp } = useI18n();
  const [status, setStatus] = useState<DeliveryStatus>();
  const [page, setPage] = useState(0);
  const deliveries = useDeliveries(webhookId, {
    status,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });
  const total = deliveries.data?.total ?? 0;
  const pages = Math.ceil(total / PAGE_SIZE);

  return (
    <section
      aria-label={t('operator.deliveries.title')}
      className="flex flex-col gap-3 border-t border-slate-200 pt-3 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SelectField
          label={t('operator.deliveries.filter')}
          value={status ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            setStatus(STATUSES.find((s) => s === value));
            setPage(0);
          }}
          frameClassName="w-full sm:w-56"
        >
          <option value="">{t('operator.deliveries.all')}</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`operator.deliveries.status.${value}`)}
            </option>
          ))}
        </SelectField>
        <Button
          size="sm"
          variant="secondary"
          busy={deliveries.isFetching}
          onClick={() => void deliveries.refetch()}
        >
          {t('operator.deliveries.refresh')}
        </Button>
      </div>
      <ListStatus query={deliveries} count={tp('operator.deliveries.count', total)} />
      {deliveries.data && deliveries.data.items.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label={t('operator.deliveries.title')}>
          {deliveries.data.items.map((delivery) => (
            <DeliveryItem key={delivery.id} webhookId={webhookId} delivery={delivery} />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={t('pagination.label')} className="flex items-center justify-between gap-3">
          <Button
            size="sm"
            variant="secondary"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            {t('pagination.previous')}
          </Button>
          <span className="text-sm">{t('pagination.page', { page: page + 1, pages })}</span>
          <Button
            size="sm"
            variant="secondary"
            disabled={page + 1 >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('pagination.next')}
          </Button>
        </nav>
      )}
    </section>
  );
}

function DeliveryItem({ webhookId, delivery }: { webhookId: string; delivery: WebhookDelivery }) {
  const { t } = useI18n();
  const format = useFormat();
  const toaster = useToaster();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const redeliver = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await webhookCalls.redeliver(webhookId, delivery.id);
      toaster.show({ tone: 'success', title: t('operator.deliveries.redelivered') });
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('common.unexpectedError'));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: operatorKeys.deliveries(webhookId) });
    }
  };

  const last =
    delivery.lastStatusCode !== undefined || delivery.lastError
      ? [delivery.lastStatusCode, delivery.lastError].filter((v) => v !== undefined).join(' · ')
      : '—';
  return (
    <li
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
      data-testid="delivery"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-mono font-semibold break-all">{delivery.eventType}</span>
        <Badge tone={TONES[delivery.status]}>
          {t(`operator.deliveries.status.${delivery.status}`)}
        </Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
        <dt className="text-slate-700 dark:text-slate-300">{t('operator.deliveries.attempts')}</dt>
        <dd>{delivery.attempts}</dd>
        <dt className="text-slate-700 dark:text-slate-300">{t('operator.deliveries.last')}</dt>
        <dd className="break-words">{last}</dd>
        <dt className="text-slate-700 dark:text-slate-300">{t('operator.deliveries.created')}</dt>
        <dd>{format.dateTime(delivery.createdAt)}</dd>
        {delivery.lastAttemptAt && (
          <>
            <dt className="text-slate-700 dark:text-slate-300">
              {t('operator.deliveries.lastAttempt')}
            </dt>
            <dd>{format.dateTime(delivery.lastAttemptAt)}</dd>
          </>
        )}
        {delivery.deliveredAt && (
          <>
            <dt className="text-slate-700 dark:text-slate-300">
              {t('operator.deliveries.delivered')}
            </dt>
            <dd>{format.dateTime(delivery.deliveredAt)}</dd>
          </>
        )}
        {delivery.status === 'pending' && delivery.nextAttemptAt && (
          <>
            <dt className="text-slate-700 dark:text-slate-300">{t('operator.deliveries.next')}</dt>
            <dd>{format.dateTime(delivery.nextAttemptAt)}</dd>
          </>
        )}
      </dl>
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      <div>
        <Button
          size="sm"
          variant="secondary"
          busy={busy}
          aria-label={t('operator.deliveries.redeliverLabel', {
            event: delivery.eventType,
            when: format.dateTime(delivery.createdAt),
          })}
          onClick={() => void redeliver()}
        >
          {t('operator.deliveries.redeliver')}
        </Button>
      </div>
    </li>
  );
}
