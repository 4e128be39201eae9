import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n';

/** Renders with the providers every component expects (English). */
export function renderWithProviders(ui: ReactElement, options?: RenderOptions) {
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider initial="en">{children}</I18nProvider>
  );
  return render(ui, { wrapper: Wrapper, ...options });
}
