import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isApiError } from '../api/problem';
import { FeedProvider } from '../feed/feed-context';
import { I18nProvider } from '../i18n/i18n';
import { ThemeProvider } from '../theme/theme';
import { ToasterProvider } from '../ui/Toaster';
import { routes } from './routes';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A problem answer (4xx) will not change by asking again.
        retry: (failures, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemeProvider>
          <ToasterProvider>
            <FeedProvider>
              <RouterProvider router={router} />
            </FeedProvider>
          </ToasterProvider>
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
