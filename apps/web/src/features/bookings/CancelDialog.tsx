import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usePolicy } from '../../api/policy';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useNow } from '../../lib/useNow';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';
import { bookingCalls } from './booking-api';
import { refundIfCancelled } from './refund';

/** Cancelling, with the refund shown before the traveller confirms. */
export function CancelDialog({
  booking,
  accessToken,
  open,
  onOpenChange,
}: {
  booking: Booking;
  accessToken?: string;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useI18n();
  const toaster = useToaster();
  const queryClient = useQueryClient();
  const policy = usePolicy().data;
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const now = useNow(10_000, open);
  const refund = policy && refundIfCancelled(booking, policy.refundTiers, now);

  const cancel = () =>
    run(async () => {
      const cancelled = await bookingCalls(booking.bookingId, accessToken).cancel(
        reason.trim() || undefined,
      );
      toaster.show({
        tone: 'success',
        title: t('cancel.done', { reference: booking.bookingReference }),
        description:
          cancelled.refund.amount.amount > 0
            ? t('cancel.refunded', {
                amount: formatMoney(cancelled.refund.amount),
                percent: cancelled.refund.percent,
              })
            : undefined,
      });
      await queryClient.invalidateQueries({ queryKey: ['booking', booking.bookingId] });
      await queryClient.invalidateQueries({ queryKey: ['user-bookings'] });
      onOpenChange(false);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('cancel.title', { reference: booking.bookingReference })}
      description={t('cancel.description')}
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t('cancel.keep')}
          </Button>
          <Button variant="danger" busy={busy} onClick={cancel}>
            {t('cancel.confirm')}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <Alert
          tone={refund && refund.amount.amount > 0 ? 'info' : 'warning'}
          title={t('cancel.refundTitle')}
        >
          <p data-testid="refund-preview">
            {booking.status === 'pending'
              ? t('cancel.nothingPaid')
              : refund
                ? t('cancel.refundPreview', {
                    amount: formatMoney(refund.amount),
                    percent: refund.percent,
                  })
                : t('common.loading')}
          </p>
        </Alert>
        <TextField
          label={t('cancel.reason')}
          maxLength={200}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {error && (
          <Alert tone="error" role="alert">
            {error}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
