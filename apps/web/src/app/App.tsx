import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { FeedProvider } from '../feed/feed-context';
import { I18nProvider } from '../i18n/i18n';
import { ThemeProvider } from '../theme/theme';
import { ToasterProvider } from '../ui/Toaster';
import { queryClient } from './query-client';
import { routes } from './routes';

export function App() {
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
