import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { FieldViolation } from '../../api/types';
import { useHoldChanges } from '../../feed/feed-context';
import type { HoldChange } from '../../feed/types';
import { useI18n } from '../../i18n/i18n';
import { useLatest } from '../../lib/useLatest';
import { ensureHolderToken } from '../../session/session';
import { useToaster } from '../../ui/Toaster';
import { deadlineOf, extendHold, lockSeats, releaseHold, type Hold } from './hold-api';
import type { ContactValues, PassengerValues } from './passenger-rules';

/** Why a hold ended without a booking (shown on the seat map). */
export type HoldNotice = 'lapsed' | 'released' | 'moved';

interface Checkout {
  hold: Hold | undefined;
  notice: HoldNotice | undefined;
  clearNotice(): void;
  /** Seats held or being held by this page (the holder's own, whatever the feed says). */
  isMine(seatNumber: string): boolean;
  holdSeats(tripId: string, seatNumbers: string[]): Promise<Hold>;
  extend(): Promise<Hold>;
  /** Passengers and contact as typed: kept in memory only (never in browser storage). */
  passengers: PassengerValues[] | undefined;
  contact: ContactValues | undefined;
  saveTravellers(passengers: PassengerValues[], contact: ContactValues): void;
  /** Field errors the API found, for the passengers form to show at their fields. */
  serverErrors: FieldViolation[];
  setServerErrors(errors: FieldViolation[]): void;
  /** The hold became booking `bookingId`: it is no longer ours to release. */
  holdBooked(): void;
  /** Forget the journey (after paying, or to start over). */
  reset(): void;
}

const CheckoutContext = createContext<Checkout | null>(null);

const NO_ERRORS: FieldViolation[] = [];

/** Pages where a hold stays: its trip's seat map and the steps before booking. */
const keepsHold = (path: string, hold: Hold) =>
  path === `/trips/${hold.tripId}` ||
  path === '/checkout/passengers' ||
  path === '/checkout/review';

/**
 * The journey from a hold to a booking: the hold (countdown, extension, release on leaving,
 * lapse), the travellers typed so far, and the API's field errors for them. The hold follows
 * its changes made in other tabs through the feed's `holds:changed`.
 */
export function CheckoutProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const toaster = useToaster();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const [hold, setHold] = useState<Hold>();
  const [notice, setNotice] = useState<HoldNotice>();
  const [passengers, setPassengers] = useState<PassengerValues[]>();
  const [contact, setContact] = useState<ContactValues>();
  const [serverErrors, setServerErrors] = useState<FieldViolation[]>(NO_ERRORS);
  const pending = useRef(new Set<string>());
  /** A lock of ours replacing `hold` is in flight: its transfer is not a loss. */
  const replacing = useRef(false);
  const latestHold = useLatest(hold);

  const end = useCallback(
    (ended: Hold, why: HoldNotice) => {
      setHold(undefined);
      setNotice(why);
      void queryClient.invalidateQueries({ queryKey: ['seat-map', ended.tripId] });
      toaster.show({
        tone: 'warning',
        title: t(`hold.ended.${why}`),
        description: t('hold.ended.description', { seats: ended.seatNumbers.join(', ') }),
      });
      navigate(`/trips/${ended.tripId}`);
    },
    [navigate, queryClient, t, toaster],
  );

  // The hold lapses at its deadline.
  useEffect(() => {
    if (!hold) return;
    const timer = window.setTimeout(
      () => end(hold, 'lapsed'),
      Math.max(0, hold.deadline - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [hold, end]);

  // Leaving the journey releases the hold: another page here, or the page itself.
  useEffect(() => {
    if (hold && !keepsHold(pathname, hold)) {
      // Following the URL (an external system) is what this effect is for.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setHold(undefined);
      void releaseHold(hold.lockId);
    }
  }, [pathname, hold]);
  useEffect(() => {
    const onPageHide = () => {
      const current = latestHold.current;
      if (current) void releaseHold(current.lockId, true);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [latestHold]);

  // Other tabs of the same holder (and the worker) change our hold too.
  useHoldChanges((change: HoldChange) => {
    const current = latestHold.current;
    if (!current) return;
    if (change.lockId === current.lockId) {
      if (change.change === 'extended' && change.expiresAt) {
        setHold({
          ...current,
          expiresAt: change.expiresAt,
          deadline: deadlineOf(change.expiresAt),
        });
      } else if (change.change === 'expired') {
        end(current, 'lapsed');
      } else if (change.change === 'released') {
        end(current, 'released');
      }
      return;
    }
    const moved = change.transferredFrom?.find((from) => from.lockId === current.lockId);
    if (moved && !replacing.current) end(current, 'moved');
  }, hold !== undefined);

  const holdSeats = useCallback(
    async (tripId: string, seatNumbers: string[]) => {
      const previous = latestHold.current;
      seatNumbers.forEach((seat) => pending.current.add(seat));
      replacing.current = true;
      try {
        await ensureHolderToken();
        const next = await lockSeats(tripId, seatNumbers);
        // Seats of the old hold not taken into the new one are let go.
        if (previous && previous.lockId !== next.lockId) {
          const left = previous.seatNumbers.filter((seat) => !next.seatNumbers.includes(seat));
          if (left.length > 0) await releaseHold(previous.lockId);
        }
        setHold(next);
        setNotice(undefined);
        setServerErrors(NO_ERRORS);
        setPassengers((drafts) => drafts?.filter((p) => next.seatNumbers.includes(p.seatNumber)));
        return next;
      } finally {
        seatNumbers.forEach((seat) => pending.current.delete(seat));
        replacing.current = false;
      }
    },
    [latestHold],
  );

  const extend = useCallback(async () => {
    const current = latestHold.current;
    if (!current) throw new Error('no hold to extend');
    const next = await extendHold(current);
    setHold(next);
    return next;
  }, [latestHold]);

  const isMine = useCallback(
    (seat: string) =>
      pending.current.has(seat) || (latestHold.current?.seatNumbers.includes(seat) ?? false),
    [latestHold],
  );

  const clearNotice = useCallback(() => setNotice(undefined), []);
  const saveTravellers = useCallback((next: PassengerValues[], nextContact: ContactValues) => {
    setPassengers(next);
    setContact(nextContact);
  }, []);
  const holdBooked = useCallback(() => setHold(undefined), []);
  const reset = useCallback(() => {
    setHold(undefined);
    setPassengers(undefined);
    setContact(undefined);
    setServerErrors(NO_ERRORS);
    setNotice(undefined);
  }, []);

  const value = useMemo<Checkout>(
    () => ({
      hold,
      notice,
      clearNotice,
      isMine,
      holdSeats,
      extend,
      passengers,
      contact,
      saveTravellers,
      serverErrors,
      setServerErrors,
      holdBooked,
      reset,
    }),
    [
      hold,
      notice,
      clearNotice,
      isMine,
      holdSeats,
      extend,
      passengers,
      contact,
      saveTravellers,
      serverErrors,
      holdBooked,
      reset,
    ],
  );
  return <CheckoutContext.Provider value={value}>{children}</CheckoutContext.Provider>;
}

export function useCheckout(): Checkout {
  const value = useContext(CheckoutContext);
  if (!value) throw new Error('useCheckout outside CheckoutProvider');
  return value;
}
