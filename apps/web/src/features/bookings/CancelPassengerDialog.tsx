import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';
import { bookingCalls } from './booking-api';

type Passenger = Booking['passengers'][number];

/** Cancelling one passenger, with the server's refund offer shown before the traveller commits. */
export function CancelPassengerDialog({
  booking,
  passenger,
  accessToken,
  onClose,
}: {
  booking: Booking;
  passenger?: Passenger;
  accessToken?: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const toaster = useToaster();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const calls = bookingCalls(booking.bookingId, accessToken);
  const quote = useQuery({
    queryKey: ['booking', booking.bookingId, 'quote', passenger?.passengerId, booking.version],
    queryFn: () => calls.passengerCancellationQuote(passenger!.passengerId),
    enabled: passenger !== undefined,
  });

  const cancel = async () => {
    if (!passenger) return;
    await run(async () => {
      const done = await calls.cancelPassenger(passenger.passengerId, reason.trim() || undefined);
      toaster.show({
        tone: 'success',
        title: t('cancelPassenger.done', {
          name: passenger.fullName,
          reference: booking.bookingReference,
        }),
        description:
          done.refund.amount.amount > 0
            ? t('cancel.refunded', {
                amount: formatMoney(done.refund.amount),
                percent: done.refund.percent,
              })
            : undefined,
      });
      await queryClient.invalidateQueries({ queryKey: ['booking', booking.bookingId] });
      await queryClient.invalidateQueries({ queryKey: ['user-bookings'] });
      setReason('');
      onClose();
    });
  };

  const offer = quote.data;
  return (
    <Dialog
      open={passenger !== undefined}
      onOpenChange={(open) => !open && onClose()}
      title={t('cancelPassenger.title', {
        name: passenger?.fullName ?? '',
        seat: passenger?.seatNumber ?? '',
      })}
      description={t('cancelPassenger.description')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('cancelPassenger.keep')}
          </Button>
          <Button variant="danger" busy={busy} disabled={!offer} onClick={cancel}>
            {t('cancelPassenger.confirm')}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <Alert
          tone={offer && offer.refund.amount.amount > 0 ? 'info' : 'warning'}
          title={t('cancel.refundTitle')}
        >
          <p data-testid="passenger-refund-preview">
            {offer
              ? booking.status === 'pending'
                ? t('cancelPassenger.pendingPreview', { total: formatMoney(offer.remainingTotal) })
                : t('cancelPassenger.refundPreview', {
                    amount: formatMoney(offer.refund.amount),
                    percent: offer.refund.percent,
                    total: formatMoney(offer.remainingTotal),
                  })
              : quote.isError
                ? quote.error.message
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
