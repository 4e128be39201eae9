import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { describeWith, type Requirement } from '../../../test/utils/requirements';
import { createTrip, holdAsSomeoneElse, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, launchChromium, openPage } from './support/browser';
import {
  book,
  chooseSeatsAndContinue,
  fillPassengers,
  searchAndOpenTrip,
  TRAVELLERS,
} from './support/journey';

/**
 * Not a check: a tour of every page, light and dark, desktop and phone, saved as PNGs to look at
 * before a change to the client lands. `npm run web:screenshots` (into tmp/screenshots).
 */
const TOUR: Requirement = {
  needs: 'WEB_SCREENSHOTS=<folder> (npm run web:screenshots)',
  met: () => Boolean(process.env.WEB_SCREENSHOTS) && CHROMIUM.met(),
};

const LOOKS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop-light', options: { viewport: { width: 1280, height: 900 } } },
  {
    name: 'desktop-dark',
    options: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  },
  {
    name: 'phone-light',
    options: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
  },
  {
    name: 'phone-dark',
    options: {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      colorScheme: 'dark',
    },
  },
];

describeWith(TOUR, 'Web client screenshots', () => {
  let server: TestServer;
  let browser: Browser;
  const folder = resolve(process.env.WEB_SCREENSHOTS ?? 'tmp/screenshots');

  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(LOOKS)(
    '$name',
    async ({ name, options }) => {
      const { origin, tripId } = await createTrip(server, { rows: 5 });
      await holdAsSomeoneElse(server, tripId, ['A9', 'A10']);
      const { context, page } = await openPage(browser, options);
      let shot = 0;
      const snap = async (label: string) => {
        await page.waitForLoadState('networkidle');
        shot += 1;
        const file = join(folder, `${name}-${String(shot).padStart(2, '0')}-${label}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      };
      const go = async (path: string, heading: string | RegExp, label: string) => {
        await page.goto(`${server.baseUrl}${path}`);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await snap(label);
      };

      await go('/', 'Where are you going?', 'search');
      await page.getByLabel('From').fill(origin);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: new RegExp(`^Choose seats: ${origin}`) }).waitFor();
      await snap('search-results');
      await searchAndOpenTrip(page, origin);
      await page.getByRole('button', { name: /^A4,/ }).click();
      await page.getByRole('button', { name: /^A5,/ }).click();
      await snap('seat-map');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Passengers', level: 1 }).waitFor();
      await snap('passengers');
      await fillPassengers(page, TRAVELLERS.slice(0, 2));
      await snap('review');
      const reference = await book(page);
      await snap('payment');
      await page.getByRole('button', { name: /^Pay .* \(demo\)$/ }).click();
      await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
      await page.locator('canvas[role="img"]').first().waitFor({ timeout: 20_000 });
      await snap('done');
      await go('/find-booking', 'Find a booking', 'find-booking');
      await page.getByLabel('Booking reference').fill(reference);
      await page.getByLabel('E-mail or phone').fill('anh@example.com');
      await page.getByRole('button', { name: 'Find booking' }).click();
      await page.getByRole('heading', { name: `Booking ${reference}` }).waitFor();
      await page.locator('canvas[role="img"]').first().waitFor({ timeout: 20_000 });
      await snap('guest-booking');

      await go('/sign-in', /sign in/i, 'sign-in');
      await page.getByRole('button', { name: 'Sign in as demo traveller' }).click();
      await page.getByRole('heading', { name: 'My bookings' }).waitFor();
      await page.getByRole('link', { name: 'Find trips' }).first().click();
      await searchAndOpenTrip(page, origin);
      await chooseSeatsAndContinue(page, ['A7']);
      await fillPassengers(page, [{ ...TRAVELLERS[0], fullName: 'Nguyễn Văn An' }], {
        email: 'demo.user@vexe.example',
        phone: '0912 345 678',
      });
      const mine = await book(page);
      await page.getByRole('button', { name: /^Pay .* \(demo\)$/ }).click();
      await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
      await go('/account/bookings', 'My bookings', 'my-bookings');
      await page.getByRole('link', { name: mine }).click();
      await page.getByRole('heading', { name: `Booking ${mine}` }).waitFor();
      await page.locator('canvas[role="img"]').first().waitFor({ timeout: 20_000 });
      await snap('booking-detail');
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      await page
        .getByRole('dialog')
        .getByText(/You will be refunded/)
        .waitFor();
      await snap('cancel-dialog');
      await page.keyboard.press('Escape');
      await go('/no-such-page', /not found/i, 'not-found');
      await context.close();
    },
    180_000,
  );
});
