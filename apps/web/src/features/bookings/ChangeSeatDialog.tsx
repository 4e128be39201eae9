import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { randomId } from '../../lib/id';
import { formatMoney } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { Alert } from '../../ui/Alert';
import { Button, buttonClass } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/Field';
import { useToaster } from '../../ui/Toaster';
import { bookingCalls } from './booking-api';

type Passenger = Booking['passengers'][number];
type SeatChange = Awaited<ReturnType<ReturnType<typeof bookingCalls>['changeSeat']>>;

/**
 * Moving a paid booking's passenger to a free seat. The same or a cheaper fare moves at once;
 * a dearer one shows the difference and takes it (demo payment) before the passenger moves.
 */
export function ChangeSeatDialog({
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
  const [seat, setSeat] = useState('');
  const [due, setDue] = useState<SeatChange>();
  const { busy, error, run, clear } = useAction();
  const calls = bookingCalls(booking.bookingId, accessToken);
  const seats = useQuery({
    queryKey: ['booking', booking.bookingId, 'free-seats', passenger?.passengerId],
    queryFn: () =>
      unwrap(
        api.GET('/trips/{tripId}/seats', {
          params: { path: { tripId: booking.tripId } },
          cache: 'no-store',
        }),
      ),
    enabled: passenger !== undefined,
  });
  const free =
    seats.data?.kind === 'map' ? seats.data.seats.filter((s) => s.status === 'available') : [];

  const close = () => {
    setSeat('');
    setDue(undefined);
    clear();
    onClose();
  };
  const done = async (change: SeatChange) => {
    toaster.show({
      tone: 'success',
      title: t('changeSeat.done', { name: passenger!.fullName, seat: change.toSeat }),
      description: change.refund
        ? t('cancel.refunded', {
            amount: formatMoney(change.refund.amount),
            percent: change.refund.percent,
          })
        : undefined,
    });
    await queryClient.invalidateQueries({ queryKey: ['booking', booking.bookingId] });
    close();
  };
  const submit = async () => {
    if (!passenger || !seat) return;
    await run(async () => {
      if (due) {
        await done(await calls.confirmSeatChange(due.changeId, `DEMO-${randomId()}`));
      } else {
        const change = await calls.changeSeat(passenger.passengerId, seat);
        if (change.status === 'awaiting_payment') setDue(change);
        else await done(change);
      }
    });
  };

  return (
    <Dialog
      open={passenger !== undefined}
      onOpenChange={(open) => !open && close()}
      title={t('changeSeat.title', {
        name: passenger?.fullName ?? '',
        seat: passenger?.seatNumber ?? '',
      })}
      description={t('changeSeat.description')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('changeSeat.keep')}
          </Button>
          {due?.payment?.next === 'provider' ? (
            // A real provider takes the difference; its signed callback moves the passenger.
            due.payment.checkoutUrl && (
              <a className={buttonClass()} href={due.payment.checkoutUrl}>
                {t('changeSeat.payProvider', { amount: formatMoney(due.amountDue!) })}
              </a>
            )
          ) : (
            <Button busy={busy} disabled={!seat} onClick={submit}>
              {due
                ? t('changeSeat.pay', { amount: formatMoney(due.amountDue!) })
                : t('changeSeat.confirm')}
            </Button>
          )}
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <SelectField
          label={t('changeSeat.seat')}
          value={seat}
          disabled={due !== undefined}
          onChange={(event) => setSeat(event.target.value)}
        >
          <option value="">{seats.isLoading ? t('common.loading') : t('changeSeat.choose')}</option>
          {free.map((s) => (
            <option key={s.seatNumber} value={s.seatNumber}>
              {t('changeSeat.option', { seat: s.seatNumber, price: formatMoney(s.price) })}
            </option>
          ))}
        </SelectField>
        {due && (
          <Alert tone="info" title={t('changeSeat.dueTitle')}>
            <p data-testid="seat-change-due">
              {t('changeSeat.due', { amount: formatMoney(due.amountDue!), seat: due.toSeat })}
            </p>
          </Alert>
        )}
        {error && (
          <Alert tone="error" role="alert">
            {error}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
