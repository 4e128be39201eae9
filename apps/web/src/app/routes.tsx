import { Navigate, type RouteObject } from 'react-router';
import { prefetchSeatSelection } from '../features/seat-map/prefetch';
import { SearchPage } from '../features/search/SearchPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { queryClient } from './query-client';
import { RouteError } from './RouteError';

/**
 * The pages. Only `/` ships with the first load; the others are loaded when visited. The API
 * serves index.html for these paths (apps/api/src/web-client): `/trips/:tripId` shares its path
 * with an API route and is listed there by name.
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    // The first page to open may be a lazy one: nothing to show until its code is here.
    hydrateFallbackElement: <div aria-busy="true" />,
    children: [
      { index: true, element: <SearchPage /> },
      {
        path: 'trips/:tripId',
        loader: ({ params }) => prefetchSeatSelection(queryClient, params.tripId),
        lazy: async () => ({
          Component: (await import('../features/seat-map/SeatSelectionPage')).SeatSelectionPage,
        }),
      },
      {
        path: 'checkout/passengers',
        lazy: async () => ({
          Component: (await import('../features/checkout/PassengersPage')).PassengersPage,
        }),
      },
      {
        path: 'checkout/review',
        lazy: async () => ({
          Component: (await import('../features/checkout/ReviewPage')).ReviewPage,
        }),
      },
      {
        path: 'checkout/payment/:bookingId',
        lazy: async () => ({
          Component: (await import('../features/checkout/PaymentPage')).PaymentPage,
        }),
      },
      {
        path: 'checkout/done/:bookingId',
        lazy: async () => ({ Component: (await import('../features/checkout/DonePage')).DonePage }),
      },
      {
        path: 'account/bookings',
        lazy: async () => ({
          Component: (await import('../features/bookings/MyBookingsPage')).MyBookingsPage,
        }),
      },
      {
        path: 'account/bookings/:bookingId',
        lazy: async () => ({
          Component: (await import('../features/bookings/BookingDetailPage')).BookingDetailPage,
        }),
      },
      {
        path: 'find-booking',
        lazy: async () => ({
          Component: (await import('../features/guest/FindBookingPage')).FindBookingPage,
        }),
      },
      {
        path: 'manage/:bookingId',
        lazy: async () => ({
          Component: (await import('../features/guest/GuestBookingPage')).GuestBookingPage,
        }),
      },
      // The operator's area (admins): its code is loaded only when one of its pages is opened.
      {
        path: 'operator',
        children: [
          { index: true, element: <Navigate to="/operator/trips" replace /> },
          {
            path: 'trips',
            lazy: async () => ({
              Component: (await import('../features/operator/OperatorTripsPage')).OperatorTripsPage,
            }),
          },
          {
            path: 'trips/:tripId/manifest',
            lazy: async () => ({
              Component: (await import('../features/operator/ManifestPage')).ManifestPage,
            }),
          },
          {
            path: 'webhooks',
            lazy: async () => ({
              Component: (await import('../features/operator/WebhooksPage')).WebhooksPage,
            }),
          },
        ],
      },
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('../features/auth/SignInPage')).SignInPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
