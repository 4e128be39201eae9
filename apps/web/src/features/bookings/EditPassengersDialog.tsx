import { useQueryClient } from '@tanstack/react-query';
import { usePolicy } from '../../api/policy';
import type { Booking, FieldViolation } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useAction } from '../../lib/useAction';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useToaster } from '../../ui/Toaster';
import { toPassengerRequest, type PassengerValues } from '../checkout/passenger-rules';
import { useSeatLayout } from '../checkout/queries';
import { TravellersForm } from '../checkout/TravellersForm';
import { seatTypeLabel } from '../seat-map/seat-labels';
import { bookingCalls } from './booking-api';

/** Stable, so the form's effect on server errors does not run again for nothing. */
const NO_VIOLATIONS: readonly FieldViolation[] = [];

/** Changing a pending booking's passengers (masked ID numbers and phones are typed again). */
export function EditPassengersDialog({
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
  const layout = useSeatLayout(open ? booking.tripId : undefined).data;
  const action = useAction();
  const { busy, run } = action;
  // Violations the server names a field of go under their fields; any other problem on top.
  const serverErrors = action.problem?.errors ?? NO_VIOLATIONS;
  const error = serverErrors.length > 0 ? undefined : action.error;

  const passengers: PassengerValues[] = booking.passengers.map((p) => ({
    seatNumber: p.seatNumber,
    fullName: p.fullName,
    idType: p.idType,
    idNumber: booking.masked ? '' : p.idNumber,
    phone: booking.masked ? '' : p.phone,
    email: p.email ?? '',
    passengerType: p.passengerType,
    needsAccessibleSeat: p.needsAccessibleSeat,
  }));

  const save = async (values: { passengers: PassengerValues[] }) => {
    if (!policy) return;
    await run(async () => {
      await bookingCalls(booking.bookingId, accessToken).changePassengers(
        values.passengers.map((p) => toPassengerRequest(p, policy.defaultPhoneCountryCode)),
      );
      toaster.show({ tone: 'success', title: t('editPassengers.saved') });
      await queryClient.invalidateQueries({ queryKey: ['booking', booking.bookingId] });
      onOpenChange(false);
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('editPassengers.title')}
      description={booking.masked ? t('editPassengers.masked') : t('editPassengers.description')}
    >
      {error && (
        <Alert tone="error" role="alert" className="mb-4">
          {error}
        </Alert>
      )}
      {policy && layout ? (
        <TravellersForm
          seats={booking.passengers.map((p) => {
            const seat = layout.find((s) => s.seatNumber === p.seatNumber);
            return {
              seatNumber: p.seatNumber,
              accessible: seat?.accessible ?? false,
              description: seat ? seatTypeLabel(t, seat.type) : '',
            };
          })}
          defaultValues={{ passengers, contact: { email: '', phone: '' } }}
          withContact={false}
          countryCode={policy.defaultPhoneCountryCode}
          serverErrors={serverErrors}
          submitLabel={t('editPassengers.save')}
          busy={busy}
          onSubmit={save}
          actions={
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              {t('common.cancel')}
            </Button>
          }
        />
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </Dialog>
  );
}
