import type { Browser, Page } from 'playwright-core';
import { describeWith } from '../../../test/utils/requirements';
import { createTrip, startWebServer, type TestServer } from './support/api';
import {
  CHROMIUM,
  expectAccessible,
  launchChromium,
  openPage,
  scrollsSideways,
} from './support/browser';
import {
  chooseSeatsAndContinue,
  fillPassengers,
  searchAndOpenTrip,
  TRAVELLERS,
} from './support/journey';

describeWith(CHROMIUM, 'Web client: phones, dark mode and languages', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fitsThePhone(page: Page, what: string): Promise<void> {
    expect([what, await scrollsSideways(page)]).toEqual([what, false]);
  }

  it('fits a 375 × 812 screen without sideways scrolling, on every page of the journey', async () => {
    const { origin } = await createTrip(server, { rows: 15 });
    const { page, errors } = await openPage(browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Where are you going?' }).waitFor();
    await fitsThePhone(page, 'search');
    await searchAndOpenTrip(page, origin);
    await fitsThePhone(page, 'seat map (45 seats)');
    await chooseSeatsAndContinue(page, ['A40', 'A41', 'A42']);
    await fitsThePhone(page, 'passengers');
    await fillPassengers(page, TRAVELLERS);
    await fitsThePhone(page, 'review');
    await page.getByLabel(/I accept the cancellation terms/).check();
    await page.getByRole('button', { name: /^Book · / }).click();
    await page.getByRole('heading', { name: 'Payment', level: 1 }).waitFor();
    await fitsThePhone(page, 'payment');
    await page.getByRole('button', { name: /^Pay .* \(demo\)$/ }).click();
    await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
    await page.locator('canvas[role="img"]').first().waitFor({ timeout: 20_000 });
    await fitsThePhone(page, 'booking confirmed');
    for (const [path, heading] of [
      ['/find-booking', 'Find a booking'],
      ['/sign-in', 'Sign in'],
      ['/account/bookings', 'Sign in to see your bookings'],
      ['/no/such/page', 'Page not found'],
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await fitsThePhone(page, path);
      await expectAccessible(page, path);
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it('follows the system’s dark mode, keeps contrast, and switches with the header control', async () => {
    const { tripId } = await createTrip(server);
    const { page, errors } = await openPage(browser, { colorScheme: 'dark' });
    const dark = () =>
      page.evaluate<boolean>('document.documentElement.classList.contains("dark")');
    // Tailwind 4's colours compute to lab(): the page's background lightness (0 black – 100 white)
    const lightness = async () => {
      const colour = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const lab = /^lab\(([\d.]+)/.exec(colour);
      if (!lab) throw new Error(`unexpected colour ${colour}`);
      return Number(lab[1]);
    };
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Where are you going?' }).waitFor();
    expect(await dark()).toBe(true);
    expect(await lightness()).toBeLessThan(10); // slate-950
    await expectAccessible(page, 'search, dark');
    await page.goto(`${server.baseUrl}/trips/${tripId}`);
    await page.locator('[data-connection="live"]').waitFor();
    await expectAccessible(page, 'seat map, dark');

    await page.getByRole('button', { name: /^Settings:/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Light' }).click();
    expect(await dark()).toBe(false);
    expect(await lightness()).toBeGreaterThan(95); // slate-50
    await expectAccessible(page, 'settings popover');
    await page.keyboard.press('Escape');
    // the choice is remembered
    await page.reload();
    await page.locator('[data-connection]').waitFor();
    expect(await dark()).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);

  it('speaks Vietnamese to vi browsers, with prices and times as read in Vietnam', async () => {
    const { tripId, origin } = await createTrip(server);
    const { page, errors } = await openPage(browser, { locale: 'vi-VN' });
    await page.goto(`${server.baseUrl}/?from=${encodeURIComponent(origin)}`);
    await page.getByRole('heading', { name: 'Bạn muốn đi đâu?' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('vi');
    await page.getByText('400.000 ₫').first().waitFor();
    await page.goto(`${server.baseUrl}/trips/${tripId}`);
    await page
      .getByRole('button', { name: 'A1, limousine, 400.000 ₫, còn trống', exact: true })
      .waitFor();
    await expectAccessible(page, 'seat map, Vietnamese');
    // and back to English with the switch
    await page.getByRole('button', { name: /^Cài đặt:/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Choose your seats' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
