import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import type { components } from '../../generated/openapi';

type Schemas = components['schemas'];
export type AdminTrip = Schemas['AdminTripResponse'];
export type Manifest = Schemas['TripManifestResponse'];
export type ManifestLine = Schemas['ManifestLineResponse'];
export type WebhookEndpoint = Schemas['WebhookEndpointResponse'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookDelivery = Schemas['WebhookDeliveryResponse'];
export type DeliveryStatus = WebhookDelivery['status'];
export type Fares = Schemas['FaresDto'];
export type Bus = Schemas['BusSummaryResponse'];
export type ScheduleTrip = Schemas['ScheduleTripRequest'];

/** Every webhook event type, in the order of the API's `WebhookEventType` enum. */
export const WEBHOOK_EVENT_TYPES = [
  'booking.created',
  'booking.confirmed',
  'booking.cancelled',
  'booking.passenger_cancelled',
  'booking.seat_changed',
  'trip.cancelled',
  'trip.delayed',
  'ticket.boarded',
] as const satisfies readonly WebhookEventType[];

// The compiler checks the list above has every member of the enum.
type Missing = Exclude<WebhookEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>;
const everyEventListed: [Missing] extends [never] ? true : Missing = true;
void everyEventListed;

export interface TripFilter {
  origin?: string;
  destination?: string;
  date?: string;
  includeDeparted: boolean;
  offset: number;
  limit: number;
}

export const operatorKeys = {
  trips: ['operator', 'trips'] as const,
  manifest: (tripId: string, reveal: boolean) => ['operator', 'manifest', tripId, reveal] as const,
  webhooks: ['operator', 'webhooks'] as const,
  buses: ['operator', 'buses'] as const,
  deliveries: (webhookId: string) => ['operator', 'webhooks', webhookId, 'deliveries'] as const,
};

export function useAdminTrips(filter: TripFilter) {
  return useQuery({
    queryKey: [...operatorKeys.trips, filter],
    queryFn: () =>
      unwrap(
        api.GET('/admin/trips', {
          params: {
            query: {
              origin: filter.origin || undefined,
              destination: filter.destination || undefined,
              date: filter.date || undefined,
              includeDeparted: filter.includeDeparted || undefined,
              limit: filter.limit,
              offset: filter.offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The buses a trip may be scheduled on (the first 100: an operator's fleet). */
export function useBuses() {
  return useQuery({
    queryKey: operatorKeys.buses,
    queryFn: () => unwrap(api.GET('/admin/buses', { params: { query: { limit: 100 } } })),
  });
}

const tripPath = (tripId: string) => ({ params: { path: { tripId } } });

export const tripCalls = {
  schedule: (trip: ScheduleTrip) => unwrap(api.POST('/admin/trips', { body: trip })),
  delay: (tripId: string, newDepartureAt: string, reason: string) =>
    unwrap(
      api.POST('/admin/trips/{tripId}/delay', {
        ...tripPath(tripId),
        body: { newDepartureAt, reason },
      }),
    ),
  cancel: (tripId: string, reason: string) =>
    unwrap(api.POST('/admin/trips/{tripId}/cancel', { ...tripPath(tripId), body: { reason } })),
  closeSales: (tripId: string, reason?: string) =>
    unwrap(
      api.POST('/admin/trips/{tripId}/close-sales', {
        ...tripPath(tripId),
        body: reason ? { reason } : {},
      }),
    ),
  openSales: (tripId: string) =>
    unwrap(api.POST('/admin/trips/{tripId}/open-sales', tripPath(tripId))),
  fares: (tripId: string, fares: Fares) =>
    unwrap(api.PUT('/admin/trips/{tripId}/fares', { ...tripPath(tripId), body: fares })),
  /** The manifest as a file (CSV or PDF), fetched with the session's bearer token. */
  manifestFile: (tripId: string, format: 'csv' | 'pdf', reveal: boolean) =>
    unwrap(
      api.GET('/admin/trips/{tripId}/manifest', {
        params: { path: { tripId }, query: { format, reveal: reveal || undefined } },
        parseAs: 'blob',
      }),
    ) as Promise<Blob>,
};

export function useManifest(tripId: string, reveal: boolean) {
  return useQuery({
    queryKey: operatorKeys.manifest(tripId, reveal),
    queryFn: () =>
      unwrap(
        api.GET('/admin/trips/{tripId}/manifest', {
          params: { path: { tripId }, query: { format: 'json', reveal: reveal || undefined } },
        }),
      ) as Promise<Manifest>,
    // Revealed personal data is not kept around once the page is left.
    gcTime: reveal ? 0 : undefined,
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: operatorKeys.webhooks,
    queryFn: () => unwrap(api.GET('/admin/webhooks')),
  });
}

const hookPath = (webhookId: string) => ({ params: { path: { webhookId } } });

export const webhookCalls = {
  register: (body: { url: string; events: WebhookEventType[]; description?: string }) =>
    unwrap(api.POST('/admin/webhooks', { body })),
  /** 204 on success: nothing to unwrap. */
  remove: async (webhookId: string) => {
    let answer;
    try {
      answer = await api.DELETE('/admin/webhooks/{webhookId}', hookPath(webhookId));
    } catch {
      throw new ApiError(0);
    }
    const { response, error } = answer;
    if (!response.ok) {
      throw new ApiError(response.status, typeof error === 'object' ? error : undefined);
    }
  },
  enable: (webhookId: string) =>
    unwrap(api.POST('/admin/webhooks/{webhookId}/enable', hookPath(webhookId))),
  redeliver: (webhookId: string, deliveryId: string) =>
    unwrap(
      api.POST('/admin/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', {
        params: { path: { webhookId, deliveryId } },
      }),
    ),
};

export function useDeliveries(
  webhookId: string,
  filter: { status?: DeliveryStatus; limit: number; offset: number },
) {
  return useQuery({
    queryKey: [...operatorKeys.deliveries(webhookId), filter],
    queryFn: () =>
      unwrap(
        api.GET('/admin/webhooks/{webhookId}/deliveries', {
          params: {
            path: { webhookId },
            query: { status: filter.status, limit: filter.limit, offset: filter.offset },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    // Deliveries move on by themselves (the worker sends and retries): keep the list current.
    refetchInterval: 5_000,
  });
}
