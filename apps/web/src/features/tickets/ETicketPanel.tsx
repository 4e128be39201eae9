import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { isApiError } from '../../api/problem';
import type { Booking } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Alert';
import { Button, buttonClass } from '../../ui/Button';
import { useToaster } from '../../ui/Toaster';
import { bookingCalls } from '../bookings/booking-api';
import { useObjectUrl } from './useObjectUrl';

const PdfViewer = lazy(() => import('./PdfViewer'));

/** The e-ticket of a paid booking: shown in the page (pdf.js), downloadable, e-mailed again. */
export function ETicketPanel({ booking, accessToken }: { booking: Booking; accessToken?: string }) {
  const { t } = useI18n();
  const toaster = useToaster();
  const issued = booking.status === 'confirmed' || booking.status === 'completed';
  const ticket = useQuery({
    queryKey: ['booking', booking.bookingId, 'e-ticket'],
    queryFn: () => bookingCalls(booking.bookingId, accessToken).ticketPdf(),
    enabled: issued,
    staleTime: Infinity,
  });
  const url = useObjectUrl(ticket.data);
  const [sending, setSending] = useState(false);

  if (!issued) return <p className="text-sm">{t('ticket.notIssued')}</p>;

  const resend = async () => {
    setSending(true);
    try {
      await bookingCalls(booking.bookingId, accessToken).emailTicket();
      toaster.show({ tone: 'success', title: t('ticket.sent', { email: booking.contact.email }) });
    } catch (error) {
      toaster.show({
        tone: 'error',
        title: t('ticket.sendFailed'),
        description: isApiError(error) ? error.message : undefined,
      });
    } finally {
      setSending(false);
    }
  };

  const title = t('ticket.title', { reference: booking.bookingReference });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-3" data-print="hide">
        {url ? (
          <a
            href={url}
            download={`e-ticket-${booking.bookingReference}.pdf`}
            className={buttonClass('primary')}
          >
            {t('ticket.download')}
          </a>
        ) : (
          <Button busy disabled>
            {t('ticket.download')}
          </Button>
        )}
        <Button variant="secondary" busy={sending} onClick={resend}>
          {t('ticket.resend')}
        </Button>
      </div>
      {ticket.isError && (
        <Alert tone="error" role="alert">
          {ticket.error.message}
        </Alert>
      )}
      {ticket.data && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <section aria-label={t('ticket.preview')} className="mx-auto w-full max-w-2xl">
            <PdfViewer data={ticket.data} title={title} />
          </section>
        </Suspense>
      )}
    </div>
  );
}
