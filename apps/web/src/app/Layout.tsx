import { Outlet } from 'react-router';
import { usePolicy } from '../api/policy';
import { useI18n } from '../i18n/i18n';
import { CheckoutProvider } from '../features/checkout/checkout-context';
import { HoldBanner } from '../features/checkout/HoldBanner';
import { Header } from './Header';

/** Every page: skip link, header, the hold's countdown when there is one, content, footer. */
export function Layout() {
  const { t } = useI18n();
  const policy = usePolicy().data;
  return (
    <CheckoutProvider>
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-brand-600 px-4 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('nav.skip')}
      </a>
      <Header />
      <HoldBanner />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-5xl px-4 py-6 outline-none sm:py-8"
      >
        <Outlet />
      </main>
      <footer className="mx-auto max-w-5xl px-4 pt-4 pb-10 text-sm text-slate-700 dark:text-slate-300">
        <p>
          {policy?.paymentProvider === 'demo' && <>{t('footer.demo')} · </>}
          <a href="/docs" className="underline underline-offset-2">
            {t('footer.api')}
          </a>
        </p>
      </footer>
    </CheckoutProvider>
  );
}
