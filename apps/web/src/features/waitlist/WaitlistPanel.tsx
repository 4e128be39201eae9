import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { currentSession, ensureHolderToken, holderKey, useSession } from '../../session/session';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { joinWaitlist, leaveWaitlist, waitlistQuery } from './waitlist-api';

interface Props {
  tripId: string;
  /** Seats free on the map now: the list is offered when they are fewer than one may book. */
  freeSeats: number;
  maxSeats: number;
  /** Take the seats offered (already held for this traveller) to checkout. */
  onTakeOffer(seatNumbers: string[]): void;
  busy: boolean;
}

/** The trip's waiting list for this traveller: join it, see the place in line, take an offer. */
export function WaitlistPanel({ tripId, freeSeats, maxSeats, onTakeOffer, busy }: Props) {
  const { t } = useI18n();
  const format = useFormat();
  const session = useSession();
  const queryClient = useQueryClient();
  const entry = useQuery(waitlistQuery(tripId, holderKey(session)));
  const [seats, setSeats] = useState(1);
  const [email, setEmail] = useState(session?.kind === 'user' ? session.account.email : '');
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [working, setWorking] = useState(false);
  const headingId = useId();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['waitlist', tripId] });
  };
  const run = async (action: () => Promise<unknown>, refreshAfter = true) => {
    setWorking(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await action();
      if (refreshAfter) await refresh();
    } catch (failure) {
      if (isApiError(failure)) {
        setError(failure.message);
        setFieldErrors(Object.fromEntries(failure.errors.map((e) => [e.field, e.message])));
      } else setError(t('common.unexpectedError'));
    } finally {
      setWorking(false);
    }
  };

  const current = entry.data;
  const offer = current?.status === 'offered' && current.offer?.holdStatus === 'active';
  const waiting = current?.status === 'waiting';
  if (!offer && !waiting && freeSeats >= maxSeats) return null;

  const onJoin = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await ensureHolderToken();
      const joined = await joinWaitlist(tripId, seats, email);
      // The place is known now: shown at once, whatever a read started before joining answers.
      const key = waitlistQuery(tripId, holderKey(currentSession())).queryKey;
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData(key, joined);
    }, false);
  };

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {t('waitlist.title')}
      </h2>
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      {offer && current.offer ? (
        <Alert
          tone="success"
          title={t('waitlist.offered', { seats: current.offer.seatNumbers.join(', ') })}
        >
          <p>{t('waitlist.offeredUntil', { time: format.time(current.offer.expiresAt) })}</p>
          <Button
            className="mt-3"
            busy={busy}
            onClick={() => onTakeOffer(current.offer!.seatNumbers)}
          >
            {t('waitlist.take')}
          </Button>
        </Alert>
      ) : waiting ? (
        <div className="flex flex-col gap-3">
          <p role="status">
            {t('waitlist.position', { position: current.position ?? 1, seats: current.seats })}
          </p>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {t('waitlist.howItWorks', { email: current.contactEmail })}
          </p>
          <Button
            variant="secondary"
            busy={working}
            onClick={() => void run(() => leaveWaitlist(tripId))}
          >
            {t('waitlist.leave')}
          </Button>
        </div>
      ) : (
        <form className="flex flex-col gap-3" onSubmit={onJoin} noValidate>
          <p className="text-sm text-slate-700 dark:text-slate-300">{t('waitlist.intro')}</p>
          <TextField
            label={t('waitlist.seats')}
            type="number"
            inputMode="numeric"
            min={1}
            max={maxSeats}
            value={seats}
            onChange={(e) => setSeats(Number(e.target.value))}
            error={fieldErrors.seats}
          />
          <TextField
            label={t('waitlist.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors['contact.email']}
            required
          />
          <Button type="submit" busy={working}>
            {t('waitlist.join')}
          </Button>
        </form>
      )}
    </section>
  );
}
