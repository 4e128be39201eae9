import { useState } from 'react';
import { Link } from 'react-router';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useNow } from '../../lib/useNow';
import { Alert } from '../../ui/Alert';
import { Button, buttonClass } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { PageTitle } from '../../ui/PageTitle';
import { PriceBreakdownTable } from '../checkout/PriceBreakdownTable';
import { ETicketPanel } from '../tickets/ETicketPanel';
import { AuditTrail } from './AuditTrail';
import { useBookingHistory } from './booking-api';
import { CancelDialog } from './CancelDialog';
import { CancelPassengerDialog } from './CancelPassengerDialog';
import { ChangeSeatDialog } from './ChangeSeatDialog';
import { EditPassengersDialog } from './EditPassengersDialog';
import { StatusBadge } from './StatusBadge';

/** A booking with its actions (pay, change passengers, cancel, e-ticket) and its history. */
export function BookingDetail({
  booking,
  accessToken,
}: {
  booking: Booking;
  accessToken?: string;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const history = useBookingHistory(booking.bookingId, accessToken);
  const [cancelling, setCancelling] = useState(false);
  const [leaving, setLeaving] = useState<Booking['passengers'][number]>();
  const [moving, setMoving] = useState<Booking['passengers'][number]>();
  const [editing, setEditing] = useState(false);
  const cancellable = booking.status === 'pending' || booking.status === 'confirmed';
  const now = useNow(60_000);
  const departed = Date.parse(booking.trip.departureAt) <= now;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <PageTitle title={t('detail.title', { reference: booking.bookingReference })}>
            {t('detail.heading')} <span className="break-all">{booking.bookingReference}</span>
          </PageTitle>
          <StatusBadge status={booking.status} />
        </div>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t('detail.created', { date: format.dateTime(booking.createdAt) })}
          {booking.guest && ` · ${t('detail.guest')}`}
        </p>
      </div>
      {booking.status === 'pending' && (
        <Alert
          tone="warning"
          title={t('detail.pendingTitle')}
          action={
            <Link
              to={`/checkout/payment/${booking.bookingId}`}
              className={buttonClass('primary', 'sm')}
            >
              {t('detail.payNow')}
            </Link>
          }
        >
          {t('detail.pendingBody', { time: format.dateTime(booking.expiresAt) })}
        </Alert>
      )}
      {booking.tripDelay && (booking.status === 'pending' || booking.status === 'confirmed') && (
        <Alert
          tone="warning"
          title={t('detail.delayedTitle', { minutes: booking.tripDelay.delayMinutes })}
        >
          {t('detail.delayedBody', {
            departure: format.dateTime(booking.trip.departureAt),
            scheduled: format.dateTime(booking.tripDelay.scheduledDepartureAt),
            reason: booking.tripDelay.reason,
          })}
          {booking.status === 'confirmed' &&
            booking.tripDelay.freeCancellationUntil &&
            Date.parse(booking.tripDelay.freeCancellationUntil) > now && (
              <>
                {' '}
                {t('detail.freeCancellation', {
                  until: format.dateTime(booking.tripDelay.freeCancellationUntil),
                })}
              </>
            )}
        </Alert>
      )}
      {booking.cancellation && (
        <Alert
          tone="info"
          title={t('detail.cancelledTitle', {
            date: format.dateTime(booking.cancellation.cancelledAt),
          })}
        >
          {t('detail.cancelledBody', {
            amount: formatMoney(booking.cancellation.refund.amount),
            percent: booking.cancellation.refund.percent,
          })}
        </Alert>
      )}
      <div className="flex flex-wrap gap-3" data-print="hide">
        {booking.status === 'pending' && !departed && (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('detail.changePassengers')}
          </Button>
        )}
        {cancellable && !departed && (
          <Button variant="danger" onClick={() => setCancelling(true)}>
            {t('detail.cancel')}
          </Button>
        )}
        {booking.status === 'cancelled' && !departed && (
          <Link to={`/trips/${booking.tripId}`} className={buttonClass('secondary')}>
            {t('detail.rebook')}
          </Link>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="detail-trip" className="flex flex-col gap-2">
          <h2 id="detail-trip" className="text-lg font-semibold">
            {t('review.trip')}
          </h2>
          <p className="font-medium">
            {booking.trip.origin} → {booking.trip.destination}
          </p>
          <p className="text-sm">
            {format.dateTime(booking.trip.departureAt)} – {format.time(booking.trip.arrivalAt)}
          </p>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {booking.trip.busName} · {booking.trip.plateNumber}
          </p>
        </Card>
        <Card aria-labelledby="detail-passengers">
          <h2 id="detail-passengers" className="mb-2 text-lg font-semibold">
            {t('review.passengers')}
          </h2>
          <ul className="flex flex-col gap-2 text-sm">
            {booking.passengers.map((p) => (
              <li key={p.passengerId} className="flex flex-wrap items-start justify-between gap-2">
                <span>
                  <strong>{p.seatNumber}</strong> · {p.fullName} ·{' '}
                  {t(`passengerType.${p.passengerType}`)}
                  <br />
                  <span className="text-slate-700 dark:text-slate-300">
                    {t(`form.idType.${p.idType}`)} {p.idNumber} · {p.phone}
                  </span>
                </span>
                <span className="flex flex-wrap gap-2">
                  {booking.status === 'confirmed' && !departed && (
                    <Button variant="secondary" size="sm" onClick={() => setMoving(p)}>
                      {t('detail.changeSeat', { name: p.fullName })}
                    </Button>
                  )}
                  {cancellable && !departed && booking.passengers.length > 1 && (
                    <Button variant="secondary" size="sm" onClick={() => setLeaving(p)}>
                      {t('detail.cancelPassenger', { name: p.fullName })}
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
          {booking.cancelledPassengers.length > 0 && (
            <>
              <h3 className="mt-4 mb-1 text-sm font-semibold">{t('detail.cancelledPassengers')}</h3>
              <ul className="flex flex-col gap-1 text-sm text-slate-700 dark:text-slate-300">
                {booking.cancelledPassengers.map((c) => (
                  <li key={c.passengerId}>
                    {t('detail.cancelledPassenger', {
                      seat: c.seatNumber,
                      name: c.fullName,
                      date: format.dateTime(c.cancelledAt),
                      amount: formatMoney(c.refund.amount),
                      percent: c.refund.percent,
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {booking.masked && (
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t('detail.masked')}</p>
          )}
        </Card>
        <Card aria-labelledby="detail-price">
          <h2 id="detail-price" className="mb-2 text-lg font-semibold">
            {t('review.price')}
          </h2>
          <PriceBreakdownTable price={booking.priceBreakdown} caption={t('review.price')} />
          {booking.payment && (
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
              {t('detail.paid', {
                amount: formatMoney(booking.payment.amount),
                method: t(`payment.methods.${booking.payment.method}`),
                date: format.dateTime(booking.payment.confirmedAt),
              })}
            </p>
          )}
        </Card>
        <Card aria-labelledby="detail-history">
          <h2 id="detail-history" className="mb-4 text-lg font-semibold">
            {t('detail.history')}
          </h2>
          {history.data ? (
            <AuditTrail entries={history.data.entries} />
          ) : history.isError ? (
            <p role="alert">{history.error.message}</p>
          ) : (
            <p role="status">{t('common.loading')}</p>
          )}
        </Card>
      </div>
      {(booking.status === 'confirmed' || booking.status === 'completed') && (
        <Card aria-labelledby="detail-ticket">
          <h2 id="detail-ticket" className="mb-4 text-lg font-semibold">
            {t('ticket.heading')}
          </h2>
          <ETicketPanel booking={booking} accessToken={accessToken} />
        </Card>
      )}
      <ChangeSeatDialog
        booking={booking}
        passenger={moving}
        accessToken={accessToken}
        onClose={() => setMoving(undefined)}
      />
      <CancelPassengerDialog
        booking={booking}
        passenger={leaving}
        accessToken={accessToken}
        onClose={() => setLeaving(undefined)}
      />
      <CancelDialog
        booking={booking}
        accessToken={accessToken}
        open={cancelling}
        onOpenChange={setCancelling}
      />
      {booking.status === 'pending' && (
        <EditPassengersDialog
          booking={booking}
          accessToken={accessToken}
          open={editing}
          onOpenChange={setEditing}
        />
      )}
    </div>
  );
}
