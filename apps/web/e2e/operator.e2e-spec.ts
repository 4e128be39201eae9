import { readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { http, tokenFor } from '../../../test/utils/api-server';
import { lockAndBook, passengerFor } from '../../../test/utils/bookings';
import { uniquePlate } from '../../../test/utils/fixtures';
import { createOwnDatabase } from '../../../test/utils/own-database';
import { describeWith } from '../../../test/utils/requirements';
import { WebhookReceiver } from '../../../test/utils/webhook-receiver';
import { createTrip, startWebServer, type TestServer } from './support/api';
import {
  CHROMIUM,
  expectAccessible,
  launchChromium,
  openPage,
  scrollsSideways,
} from './support/browser';

/** Where screenshots go (look at them: `ls /tmp/operator-*.png`). */
const SHOTS = process.env.OPERATOR_SCREENSHOTS ?? '/tmp';

/** The catalog's zone (Asia/Ho_Chi_Minh) is UTC+7 all year: its wall clock of an instant. */
const vietnamWallClock = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 16);

/**
 * The operator's area of the web client, as the demo admin uses it: trips (delay, sales), the
 * boarding manifest (table, CSV, audited reveal) and webhooks (register, secret once, deliveries,
 * redeliver). A database of its own: webhook endpoints are global, and no other test's events
 * may reach this one's receiver.
 */
describeWith(CHROMIUM, 'Web client: the operator area', () => {
  let server: TestServer;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let hookUrl: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const own = await createOwnDatabase('web_operator');
    dropDatabase = own.drop;
    receiver = new WebhookReceiver();
    hookUrl = await receiver.start();
    [server, browser] = await Promise.all([
      startWebServer(
        {
          DATABASE_URL: own.databaseUrl,
          REDIS_URL: '',
          WEBHOOK_POLL_MS: '100',
          WEBHOOK_RETRY_BASE_SECONDS: '1',
          WEBHOOK_TIMEOUT_MS: '2000',
        },
        true,
      ),
      launchChromium(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.stop();
    await dropDatabase?.();
  });

  async function signIn(page: Page, who: 'traveller' | 'admin'): Promise<void> {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('button', { name: `Sign in as demo ${who}` }).click();
    await page.getByRole('heading', { name: 'My bookings', level: 1 }).waitFor();
  }

  const tripRow = (page: Page, origin: string): Locator =>
    page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `${origin} → Hội An` }) });

  async function showTrip(page: Page, origin: string): Promise<Locator> {
    await page.getByLabel('From').fill(origin);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = tripRow(page, origin);
    await row.waitFor();
    return row;
  }

  /** Which element has the focus: its text (buttons) or accessible label. */
  const focusedText = (page: Page) =>
    page.evaluate<string>(
      '(document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent || "").trim()',
    );

  /** The focus comes back to `text` (Radix restores it a task after the dialog unmounts). */
  async function expectFocusOn(page: Page, text: string): Promise<void> {
    for (let i = 0; i < 40 && (await focusedText(page)) !== text; i++) {
      await page.waitForTimeout(50);
    }
    expect(await focusedText(page)).toBe(text);
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForFunction(
      "document.getAnimations().every((animation) => animation.playState !== 'running')",
    );
    await page.screenshot({ path: `${SHOTS}/operator-${name}.png`, fullPage: true });
  }

  it('is for operators only: travellers see no link and a clear page', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/operator/trips`);
    await page.getByRole('heading', { name: 'For operators only', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await signIn(page, 'traveller');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My bookings' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Operator' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/operator/webhooks`);
    await page.getByRole('heading', { name: 'For operators only', level: 1 }).waitFor();
    await page.getByText('your account is a traveller’s').waitFor();
    await expectAccessible(page, 'operators only');
    // The operator's pages are pages of the client (index.html), the API's paths stay the API's.
    const asApi = await http(server.baseUrl, 'GET', '/operator/trips');
    expect(asApi.status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('delays a trip, closes and opens its sales, reads its manifest, and follows webhooks', async () => {
    const { tripId, origin } = await createTrip(server);
    const { context, page, errors } = await openPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'admin');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Operator' })
      .click();
    await page.getByRole('heading', { name: 'Operator trips', level: 1 }).waitFor();

    // ── Webhooks: registered first, so that the booking below is delivered to the receiver.
    await page
      .getByRole('navigation', { name: 'Operator' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No endpoints registered.').waitFor();
    await expectAccessible(page, 'webhooks (empty)');
    // by keyboard: the dialog opens with Enter, closes with Escape, the focus comes back
    await page.getByRole('button', { name: 'Register an endpoint' }).focus();
    await page.keyboard.press('Enter');
    const register = page.getByRole('dialog', { name: 'Register a webhook endpoint' });
    await register.waitFor();
    await page.keyboard.press('Escape');
    await register.waitFor({ state: 'detached' });
    await expectFocusOn(page, 'Register an endpoint');
    await page.keyboard.press('Enter');
    await register.waitFor();
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByText('Enter the URL.').waitFor();
    await register.getByText('Choose at least one event.').waitFor();
    await expectAccessible(page, 'register dialog with errors');
    await register.getByLabel('URL').fill(hookUrl);
    await register.getByLabel('booking.created').check();
    await register.getByLabel('booking.confirmed').check();
    await register.getByLabel('Description (optional)').fill('Accounting ERP (test)');
    await shot(page, 'register-1280');
    await register.getByRole('button', { name: 'Register' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
    await secretDialog.waitFor();
    await secretDialog.getByText('Shown only this once').waitFor();
    const secret = await secretDialog.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'Copy' }).click();
    await secretDialog.getByText('Copied.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await expectAccessible(page, 'secret dialog');
    await shot(page, 'secret-1280');
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    const endpoint = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: hookUrl }) });
    await endpoint.getByText('Active', { exact: true }).waitFor();
    // once: nowhere in the page any more, nor in the list the API answers
    expect(await page.content()).not.toContain(secret);

    // A paid booking (through the API): delivered to the receiver, listed on the manifest.
    const user = await tokenFor(server.config, ['user']);
    const passenger = passengerFor('A4', {
      fullName: 'Phạm Thu Hà',
      idNumber: '079199887766',
      phone: '+84912999888',
    });
    const booked = await lockAndBook(server.baseUrl, user, tripId, ['A4'], {
      passengers: [passenger],
    });
    expect(booked.status).toBe(201);
    const paid = await http(server.baseUrl, 'POST', `/bookings/${booked.body.bookingId}/confirm`, {
      token: user,
      body: { paymentReference: `PAY-${Date.now()}`, paymentMethod: 'card' },
    });
    expect(paid.status).toBe(200);
    const reference: string = booked.body.bookingReference;
    const created = await receiver.waitFor((w) => w.json.type === 'booking.created', 30_000);

    // ── Trips
    await page
      .getByRole('navigation', { name: 'Operator' })
      .getByRole('link', { name: 'Trips' })
      .click();
    await page.getByRole('heading', { name: 'Operator trips', level: 1 }).waitFor();
    const row = await showTrip(page, origin);
    await row.getByText('Scheduled', { exact: true }).waitFor();
    await row.getByText('Sales open', { exact: true }).waitFor();
    await row.getByText('1 booked · 0 held · of 12').waitFor();
    await expectAccessible(page, 'operator trips');
    await shot(page, 'trips-1280');

    // Delay: a time too late is refused by the API, whose problem the dialog shows.
    const trip = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
    const departure = Date.parse(trip.body.departureAt);
    await row.getByRole('button', { name: 'Delay' }).click();
    const delay = page.getByRole('dialog', { name: /^Delay / });
    await delay.waitFor();
    expect(await delay.getByLabel('New departure').inputValue()).toBe(vietnamWallClock(departure));
    await delay.getByRole('button', { name: 'Delay the trip' }).click();
    await delay.getByText('Choose a time later than the current departure').waitFor();
    await delay.getByText('Give a reason.').waitFor();
    await delay.getByLabel('New departure').fill(vietnamWallClock(departure + 10 * 86_400_000));
    await delay.getByLabel('Reason').fill('Flooding on the pass');
    await delay.getByRole('button', { name: 'Delay the trip' }).click();
    const refused = delay.getByRole('alert');
    await refused.waitFor();
    expect((await refused.textContent())?.length).toBeGreaterThan(5);
    await expectAccessible(page, 'delay dialog with the API’s problem');
    await shot(page, 'delay-1280');
    // a datetime-local input holds minutes: the new departure is on a minute
    const later = Math.ceil((departure + 2 * 3600_000) / 60_000) * 60_000;
    await delay.getByLabel('New departure').fill(vietnamWallClock(later));
    await delay.getByRole('button', { name: 'Delay the trip' }).click();
    await delay.getByText('Passengers booked may cancel with a full refund until').waitFor();
    await page.keyboard.press('Escape');
    await delay.waitFor({ state: 'detached' });
    await expectFocusOn(page, 'Delay');
    const newTime = vietnamWallClock(later).slice(11);
    await row
      .getByTestId('departure')
      .getByText(new RegExp(`${newTime}`))
      .first()
      .waitFor();
    await row.getByText(/Delayed 2 h( \d+ min)? \(scheduled .*\) · Flooding on the pass/).waitFor();
    const moved = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
    expect(Date.parse(moved.body.departureAt)).toBe(later);

    // Close sales (by keyboard first: Escape brings the focus back), then open them again.
    await row.getByRole('button', { name: 'Close sales' }).focus();
    await page.keyboard.press('Enter');
    const close = page.getByRole('dialog', { name: /^Close sales of / });
    await close.waitFor();
    await page.keyboard.press('Escape');
    await close.waitFor({ state: 'detached' });
    await expectFocusOn(page, 'Close sales');
    await page.keyboard.press('Enter');
    await close.getByLabel('Reason (optional)').fill('Reserved for a group');
    await close.getByRole('button', { name: 'Close sales' }).click();
    await close.waitFor({ state: 'detached' });
    await row.getByText('Sales closed', { exact: true }).waitFor();
    await row.getByText('Reserved for a group').waitFor();
    expect((await http(server.baseUrl, 'GET', `/trips/${tripId}`)).body.salesOpen).toBe(false);
    // the same button now opens sales, and kept the focus through the change
    await expectFocusOn(page, 'Open sales');
    await row.getByRole('button', { name: 'Open sales' }).click();
    const open = page.getByRole('dialog', { name: /^Open sales of / });
    await open.getByRole('button', { name: 'Open sales' }).click();
    await open.waitFor({ state: 'detached' });
    await row.getByText('Sales open', { exact: true }).waitFor();
    expect((await http(server.baseUrl, 'GET', `/trips/${tripId}`)).body.salesOpen).toBe(true);

    // ── Manifest
    await row.getByRole('link', { name: 'Manifest' }).click();
    await page.getByRole('heading', { name: /^Boarding manifest/, level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /^Passengers of / });
    const line = table.getByRole('row').filter({ hasText: 'Phạm Thu Hà' });
    await line.waitFor();
    expect(await line.getByRole('rowheader').textContent()).toBe('A4');
    await line.getByText(reference).waitFor();
    expect(await line.textContent()).not.toContain('079199887766');
    await expectAccessible(page, 'manifest');
    await shot(page, 'manifest-1280');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(
      /^manifest-hue-[a-z0-9]+-hoi-an-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/,
    );
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain('Phạm Thu Hà');
    expect(csvText).toContain(reference);
    expect(csvText).not.toContain('079199887766');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Reveal: asked first (it is audited), then the numbers in clear.
    await page.getByRole('button', { name: 'Reveal ID numbers and phones' }).click();
    const reveal = page.getByRole('dialog', { name: 'Reveal ID numbers and phones?' });
    await reveal.getByText('recorded in the trip’s audit log').waitFor();
    await reveal.getByRole('button', { name: 'Reveal' }).click();
    await line.getByText('079199887766').waitFor();
    await page.getByText('this reveal was recorded').waitFor();
    await page.getByRole('button', { name: 'Mask them again' }).click();
    await page.getByRole('button', { name: 'Reveal ID numbers and phones' }).waitFor();
    expect(await line.textContent()).not.toContain('079199887766');

    // ── Deliveries: the booking's, delivered; sent again on request (same message id).
    await page
      .getByRole('navigation', { name: 'Operator' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await endpoint.getByRole('button', { name: 'Deliveries' }).click();
    const createdDelivery = endpoint
      .getByTestId('delivery')
      .filter({ hasText: 'booking.created' })
      .filter({ hasText: 'Delivered' });
    await createdDelivery.waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'webhook deliveries');
    await shot(page, 'webhooks-1280');
    const before = receiver.received.filter((w) => w.json.type === 'booking.created').length;
    await createdDelivery.getByRole('button', { name: /^Redeliver booking\.created/ }).click();
    await page.getByText('Sent again: it goes out shortly.', { exact: true }).waitFor();
    await receiver.waitFor(
      (w) =>
        w.json.type === 'booking.created' &&
        receiver.received.filter((x) => x.json.type === 'booking.created').length > before,
      20_000,
    );
    const again = receiver.received.filter((w) => w.json.type === 'booking.created');
    expect(again[again.length - 1].id).toBe(created.id);
    expect(errors).toEqual([]);

    // ── The same pages on a phone (375 px) and in the dark: no sideways scroll, still accessible.
    const storageState = await context.storageState();
    for (const [label, options] of [
      ['375', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }],
      ['375-dark', { viewport: { width: 375, height: 812 }, isMobile: true, colorScheme: 'dark' }],
      ['1280-dark', { colorScheme: 'dark' }],
    ] as Array<[string, BrowserContextOptions]>) {
      const phone = await openPage(browser, { ...options, storageState });
      const where = (path: string) => `${label} ${path}`;
      await phone.page.goto(
        `${server.baseUrl}/operator/trips?origin=${encodeURIComponent(origin)}`,
      );
      const phoneRow = tripRow(phone.page, origin);
      await phoneRow.waitFor();
      expect([where('trips'), await scrollsSideways(phone.page)]).toEqual([where('trips'), false]);
      expect(
        await phone.page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(options.viewport?.width ?? 1280);
      await expectAccessible(phone.page, where('trips'));
      await shot(phone.page, `trips-${label}`);
      await phoneRow.getByRole('button', { name: 'Fares' }).click();
      const fares = phone.page.getByRole('dialog', { name: /^Fares of / });
      await fares.waitFor();
      expect(await fares.getByLabel('Limousine seat (VND)').inputValue()).toBe('400000');
      expect([where('fares'), await scrollsSideways(phone.page)]).toEqual([where('fares'), false]);
      await expectAccessible(phone.page, where('fares dialog'));
      await shot(phone.page, `fares-${label}`);
      await phone.page.keyboard.press('Escape');
      await fares.waitFor({ state: 'detached' });

      await phone.page.goto(`${server.baseUrl}/operator/trips/${tripId}/manifest`);
      await phone.page.getByRole('cell', { name: 'Phạm Thu Hà' }).waitFor();
      expect([where('manifest'), await scrollsSideways(phone.page)]).toEqual([
        where('manifest'),
        false,
      ]);
      await expectAccessible(phone.page, where('manifest'));
      await shot(phone.page, `manifest-${label}`);

      await phone.page.goto(`${server.baseUrl}/operator/webhooks`);
      const phoneEndpoint = phone.page
        .getByRole('listitem')
        .filter({ has: phone.page.getByRole('heading', { name: hookUrl }) });
      await phoneEndpoint.getByRole('button', { name: 'Deliveries' }).click();
      await phoneEndpoint.getByTestId('delivery').first().waitFor();
      expect([where('webhooks'), await scrollsSideways(phone.page)]).toEqual([
        where('webhooks'),
        false,
      ]);
      await expectAccessible(phone.page, where('webhooks'));
      await shot(phone.page, `webhooks-${label}`);
      expect(phone.errors).toEqual([]);
      await phone.context.close();
    }
    await context.close();
  }, 240_000);

  it('schedules a trip: the bus’s seat types ask for their fares, wrong times are refused', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const busName = `Sleeper ${uniquePlate()}`;
    const bus = await http(server.baseUrl, 'POST', '/admin/buses', {
      token: admin,
      body: {
        name: busName,
        plateNumber: uniquePlate(),
        seats: Array.from({ length: 8 }, (_, i) => ({
          seatNumber: `B${i + 1}`,
          deck: i < 4 ? 1 : 2,
          row: (i % 4) + 1,
          col: 1,
          type: i < 2 ? 'standard' : 'sleeper',
        })),
      },
    });
    expect(bus.status).toBe(201);
    const limousine = await createTrip(server);
    const limousineTrip = await http(server.baseUrl, 'GET', `/trips/${limousine.tripId}`);
    const origin = `Đà Nẵng ${uniquePlate().slice(1, 6)}`;
    const { page, errors } = await openPage(browser);
    await signIn(page, 'admin');
    await page.goto(`${server.baseUrl}/operator/trips`);
    await page.getByRole('button', { name: 'Schedule a trip' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule a trip' });
    await dialog.getByRole('button', { name: 'Schedule the trip' }).click();
    await dialog.getByText('Choose the bus.').waitFor();
    expect(await dialog.getByText('Enter a place.').count()).toBe(2);

    // A limousine bus first, its fare mistyped; then another bus: the hidden field is not read.
    await dialog.getByLabel('Bus').selectOption({
      label: `${limousineTrip.body.bus.name} · ${limousineTrip.body.bus.plateNumber} · 12 seats`,
    });
    await dialog.getByLabel('Limousine seat (VND)').fill('abc');
    // The bus has sleepers: their fare is asked for too; no limousine field.
    await dialog
      .getByLabel('Bus')
      .selectOption({ label: `${busName} · ${bus.body.plateNumber} · 8 seats` });
    await dialog.getByLabel('Sleeper berth (VND)').waitFor();
    expect(await dialog.getByLabel('Limousine seat (VND)').count()).toBe(0);
    await dialog.getByLabel('From').fill(origin);
    await dialog.getByLabel('To').fill('Hội An');
    const departs = Date.now() + 3 * 24 * 3600_000;
    await dialog.getByLabel('Departure').fill(vietnamWallClock(departs));
    await dialog.getByLabel('Arrival').fill(vietnamWallClock(departs - 3600_000));
    await dialog.getByLabel('Standard seat (VND)').fill('200.000');
    await dialog.getByRole('button', { name: 'Schedule the trip' }).click();
    await dialog.getByText('The arrival must be after the departure.').waitFor();
    await dialog.getByText('The bus has such seats: enter their fare.').waitFor();
    await expectAccessible(page, 'schedule dialog with errors');

    // A departure already past: the API refuses it, its word shown under the field.
    await dialog.getByLabel('Departure').fill(vietnamWallClock(Date.now() - 3600_000));
    await dialog.getByLabel('Arrival').fill(vietnamWallClock(departs));
    await dialog.getByLabel('Sleeper berth (VND)').fill('350 000');
    await dialog.getByRole('button', { name: 'Schedule the trip' }).click();
    await dialog.getByText('departureAt must be in the future').first().waitFor();

    await dialog.getByLabel('Departure').fill(vietnamWallClock(departs));
    await dialog.getByLabel('Arrival').fill(vietnamWallClock(departs + 6 * 3600_000));
    await dialog.getByLabel('Seats per booking (optional)').fill('4');
    await dialog.getByRole('button', { name: 'Schedule the trip' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Trip scheduled: ${origin} → Hội An`).first().waitFor();
    await expectFocusOn(page, 'Schedule a trip');

    const row = await showTrip(page, origin);
    await row.getByText(`${busName} · ${bus.body.plateNumber}`).waitFor();
    const listed = await http(server.baseUrl, 'GET', `/trips?origin=${encodeURIComponent(origin)}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      destination: 'Hội An',
      departureAt: new Date(Math.floor(departs / 60_000) * 60_000).toISOString(),
      fares: {
        standard: { amount: 200_000, currency: 'VND' },
        sleeper: { amount: 350_000, currency: 'VND' },
      },
      maxSeatsPerBooking: 4,
    });

    // On a phone: the dialog fits.
    const phone = await openPage(browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      storageState: await page.context().storageState(),
    });
    await phone.page.goto(`${server.baseUrl}/operator/trips`);
    await phone.page.getByRole('button', { name: 'Schedule a trip' }).click();
    const phoneDialog = phone.page.getByRole('dialog', { name: 'Schedule a trip' });
    await phoneDialog
      .getByLabel('Bus')
      .selectOption({ label: `${busName} · ${bus.body.plateNumber} · 8 seats` });
    await phoneDialog.getByLabel('Sleeper berth (VND)').waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    await expectAccessible(phone.page, '375 schedule dialog');
    await shot(phone.page, 'schedule-375');
    expect([...errors, ...phone.errors]).toEqual([]);
    await phone.context.close();
  }, 120_000);

  it('fares: saves what staff type, refuses what is not an amount', async () => {
    const { tripId, origin } = await createTrip(server);
    const { page, errors } = await openPage(browser);
    await signIn(page, 'admin');
    await page.goto(`${server.baseUrl}/operator/trips`);
    const row = await showTrip(page, origin);
    await row.getByRole('button', { name: 'Fares' }).click();
    const fares = page.getByRole('dialog', { name: /^Fares of / });
    await fares.getByLabel('Standard seat (VND)').fill('');
    await fares.getByLabel('Limousine seat (VND)').fill('abc');
    await fares.getByRole('button', { name: 'Save fares' }).click();
    await fares.getByText('The standard fare is needed.').waitFor();
    await fares.getByText('Enter a whole amount above 0.').waitFor();
    await fares.getByLabel('Standard seat (VND)').fill('260.000');
    await fares.getByLabel('Limousine seat (VND)').fill('420 000');
    await fares.getByRole('button', { name: 'Save fares' }).click();
    await fares.waitFor({ state: 'detached' });
    const trip = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
    expect(trip.body.fares).toMatchObject({
      standard: { amount: 260_000, currency: 'VND' },
      limousine: { amount: 420_000, currency: 'VND' },
    });
    // Cancelling the trip: a destructive confirm, the reason required.
    await row.getByRole('button', { name: 'Cancel trip' }).click();
    const cancel = page.getByRole('dialog', { name: /^Cancel .*\?$/ });
    await cancel.getByRole('button', { name: 'Cancel the trip' }).click();
    await cancel.getByText('Give a reason.').waitFor();
    await cancel.getByLabel('Reason').fill('Road closed by a landslide');
    await cancel.getByRole('button', { name: 'Cancel the trip' }).click();
    await cancel.waitFor({ state: 'detached' });
    await row.getByText('Cancelled', { exact: true }).waitFor();
    await row.getByText('Road closed by a landslide').waitFor();
    expect(await row.getByRole('button', { name: 'Delay' }).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
