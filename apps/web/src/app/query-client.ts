import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/problem';

/** The app's one query cache (route loaders prefetch into it before their page renders). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A problem answer (4xx) will not change by asking again.
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});
