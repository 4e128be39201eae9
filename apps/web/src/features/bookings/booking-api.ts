import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, withToken } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { PassengerRequest, PaymentMethod } from '../../api/types';
import { randomId } from '../../lib/id';

/**
 * Every call about one booking, made with the booking's access token when the browser has one
 * (a guest who looked it up), else with the session's token.
 */
export const bookingCalls = (bookingId: string, accessToken?: string) => {
  const headers = withToken(accessToken);
  const path = { bookingId };
  return {
    get: () => unwrap(api.GET('/bookings/{bookingId}', { params: { path }, headers })),
    history: () => unwrap(api.GET('/bookings/{bookingId}/history', { params: { path }, headers })),
    confirm: (paymentMethod: PaymentMethod, paymentReference: string) =>
      unwrap(
        api.POST('/bookings/{bookingId}/confirm', {
          params: { path },
          headers,
          body: { paymentMethod, paymentReference },
        }),
      ),
    cancel: (reason?: string) =>
      unwrap(
        api.DELETE('/bookings/{bookingId}', {
          params: { path, query: reason ? { reason } : undefined },
          headers,
        }),
      ),
    payment: () => unwrap(api.GET('/bookings/{bookingId}/payment', { params: { path }, headers })),
    passengerCancellationQuote: (passengerId: string) =>
      unwrap(
        api.GET('/bookings/{bookingId}/passengers/{passengerId}/cancellation-quote', {
          params: { path: { ...path, passengerId } },
          headers,
        }),
      ),
    cancelPassenger: (passengerId: string, reason?: string) =>
      unwrap(
        api.DELETE('/bookings/{bookingId}/passengers/{passengerId}', {
          params: { path: { ...path, passengerId }, query: reason ? { reason } : undefined },
          headers,
        }),
      ),
    changeSeat: (passengerId: string, toSeatNumber: string) =>
      unwrap(
        api.POST('/bookings/{bookingId}/seat-changes', {
          params: { path },
          headers,
          body: { passengerId, toSeatNumber },
        }),
      ),
    confirmSeatChange: (changeId: string, paymentReference: string) =>
      unwrap(
        api.POST('/bookings/{bookingId}/seat-changes/{changeId}/confirm', {
          params: { path: { ...path, changeId } },
          headers,
          body: { paymentReference, paymentMethod: 'card' },
        }),
      ),
    changePassengers: (passengers: PassengerRequest[]) =>
      unwrap(
        api.PATCH('/bookings/{bookingId}', { params: { path }, headers, body: { passengers } }),
      ),
    emailTicket: () =>
      unwrap(api.POST('/bookings/{bookingId}/email-ticket', { params: { path }, headers })),
    ticketPdf: () =>
      unwrap(
        api.GET('/bookings/{bookingId}/e-ticket', { params: { path }, headers, parseAs: 'blob' }),
      ),
  };
};

export const bookingQuery = (bookingId: string, accessToken?: string) =>
  queryOptions({
    queryKey: ['booking', bookingId],
    queryFn: () => bookingCalls(bookingId, accessToken).get(),
  });

export const useBooking = (bookingId: string, accessToken?: string) =>
  useQuery(bookingQuery(bookingId, accessToken));

export const useBookingHistory = (bookingId: string, accessToken?: string) =>
  useQuery({
    queryKey: ['booking', bookingId, 'history'],
    queryFn: () => bookingCalls(bookingId, accessToken).history(),
  });

export async function createBooking(body: {
  tripId: string;
  seatNumbers: string[];
  passengers: PassengerRequest[];
  contact: { email: string; phone: string };
  expectedTotal: number;
}) {
  return unwrap(
    api.POST('/bookings', { params: { header: { 'Idempotency-Key': randomId() } }, body }),
  );
}

export type BookingTab = 'upcoming' | 'pending' | 'completed' | 'cancelled';
export type BookingSort = 'departureAt' | 'createdAt' | 'status' | 'reference';

export interface BookingListFilter {
  tab: BookingTab;
  q: string | undefined;
  sort: BookingSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export function useUserBookings(userId: string, filter: BookingListFilter) {
  return useQuery({
    queryKey: ['user-bookings', userId, filter],
    queryFn: () =>
      unwrap(
        api.GET('/users/{userId}/bookings', {
          params: {
            path: { userId },
            query: {
              status: filter.tab,
              q: filter.q || undefined,
              sort: filter.sort,
              order: filter.order,
              limit: filter.limit,
              offset: filter.offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUserStats(userId: string) {
  return useQuery({
    queryKey: ['user-bookings', userId, 'stats'],
    queryFn: () =>
      unwrap(api.GET('/users/{userId}/bookings/stats', { params: { path: { userId } } })),
  });
}
