import type { Browser, Page } from 'playwright-core';
import { http, tokenFor } from '../../../test/utils/api-server';
import { eventually } from '../../../test/utils/eventually';
import { describeWith } from '../../../test/utils/requirements';
import { createTrip, holdAsSomeoneElse, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, expectAccessible, launchChromium, openPage } from './support/browser';
import { seatButton } from './support/journey';

/** Resolves when the seat shows `status`, with how long that took from `since` (ms). */
async function seatShows(page: Page, seatNumber: string, status: string, since: number) {
  await page
    .locator(`[data-seat="${seatNumber}"][data-status="${status}"]`)
    .waitFor({ timeout: 15_000 });
  return Date.now() - since;
}

async function openMap(page: Page, baseUrl: string, tripId: string, connection = 'live') {
  await page.goto(`${baseUrl}/trips/${tripId}`);
  await page.locator(`[data-connection="${connection}"]`).waitFor({ timeout: 15_000 });
}

/**
 * The trips a page subscribes to over the seat feed, one entry per `subscribe` it sends: over
 * HTTP long-polling (Socket.io's first transport, batched packets) or the WebSocket after it.
 */
function watchSubscribes(page: Page): string[] {
  const subscribed: string[] = [];
  const read = (packets: string) => {
    for (const [, tripId] of packets.matchAll(/\["subscribe",\{"tripId":"([^"]+)"/g))
      subscribed.push(tripId!);
  };
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/socket.io/'))
      read(request.postData() ?? '');
  });
  page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => read(String(payload))));
  return subscribed;
}

async function holdFromPage(page: Page, seats: string[]): Promise<number> {
  for (const seat of seats) await seatButton(page, seat).click();
  const locked = page.waitForResponse(
    (response) => response.url().endsWith('/seats/lock') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Continue' }).click();
  await locked;
  return Date.now();
}

describeWith(CHROMIUM, 'Web client: seats live', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows two travellers each other’s holds within a second, and drops a seat someone took', async () => {
    const { tripId } = await createTrip(server);
    const anh = await openPage(browser);
    const binh = await openPage(browser);
    const anhSubscribes = watchSubscribes(anh.page);
    await Promise.all([
      openMap(anh.page, server.baseUrl, tripId),
      openMap(binh.page, server.baseUrl, tripId),
    ]);
    expect(anhSubscribes).toEqual([tripId]);

    // Anh holds A4: Bình sees it held
    const anhHeld = await holdFromPage(anh.page, ['A4']);
    expect(await seatShows(binh.page, 'A4', 'held', anhHeld)).toBeLessThan(1000);

    // Her hold made Anh a guest holder: the feed reconnected as her and subscribed once again,
    // and the watcher the next step mounted joined that subscription
    await eventually(async () => (anhSubscribes.length >= 2 ? true : undefined));
    expect(anhSubscribes).toEqual([tripId, tripId]);

    // Anh goes back to the map (the hold stays): Bình holds A6, Anh sees it
    await anh.page.getByRole('link', { name: 'Change seats' }).click();
    await anh.page.locator('[data-connection="live"]').waitFor();
    await anh.page.locator('[data-seat="A4"][data-status="selected"]').waitFor();
    // The map's watchers mount together on a connected feed: one subscribe for the page
    expect(anhSubscribes).toEqual([tripId, tripId, tripId]);
    const binhHeld = await holdFromPage(binh.page, ['A6']);
    expect(await seatShows(anh.page, 'A6', 'held', binhHeld)).toBeLessThan(1000);

    // Anh picks A8; someone else holds it first: Anh's choice is dropped, with a notice
    await seatButton(anh.page, 'A8').click();
    await anh.page.locator('[data-seat="A8"][data-status="selected"]').waitFor();
    const before = Date.now();
    await holdAsSomeoneElse(server, tripId, ['A8']);
    expect(await seatShows(anh.page, 'A8', 'held', before)).toBeLessThan(1000);
    await anh.page.getByText('Seat A8 was just taken by someone else.').first().waitFor();
    expect(await anh.page.locator('[data-live-region="seats"]').textContent()).toContain(
      'A8 is now held by someone else.',
    );
    await expectAccessible(anh.page, 'seat map with holds and a notice');
    expect([...anh.errors, ...binh.errors]).toEqual([]);
    await Promise.all([anh.context.close(), binh.context.close()]);
  }, 90_000);

  it('keeps the tabs of one traveller in sync: a hold in one tab is "yours" in the other', async () => {
    const { tripId } = await createTrip(server);
    const { context, page: first, errors } = await openPage(browser);
    await openMap(first, server.baseUrl, tripId);
    // the tab that holds starts the guest session both tabs share
    const second = await context.newPage();
    await openMap(second, server.baseUrl, tripId);
    const held = await holdFromPage(first, ['A2', 'A3']);
    await seatShows(second, 'A2', 'yours', held);
    await seatShows(second, 'A3', 'yours', held);
    expect(await seatButton(second, 'A2').getAttribute('aria-label')).toBe(
      'A2, limousine, 400.000 ₫, yours',
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows new fares at once, and sales closing and opening again, without a reload', async () => {
    const { tripId } = await createTrip(server);
    const { context, page, errors } = await openPage(browser);
    await openMap(page, server.baseUrl, tripId);
    expect(await seatButton(page, 'A4').getAttribute('aria-label')).toBe(
      'A4, limousine, 400.000 ₫, available',
    );
    const admin = await tokenFor(server.config, ['admin']);
    const path = `/admin/trips/${tripId}`;
    const priced = await http(server.baseUrl, 'PUT', `${path}/fares`, {
      token: admin,
      body: {
        standard: { amount: 260_000, currency: 'VND' },
        limousine: { amount: 450_000, currency: 'VND' },
      },
    });
    expect(priced.status).toBe(200);
    await page
      .locator('[data-seat="A4"][aria-label="A4, limousine, 450.000 ₫, available"]')
      .waitFor({ timeout: 5000 });

    const closed = await http(server.baseUrl, 'POST', `${path}/close-sales`, {
      token: admin,
      body: { reason: 'Reserved for a school group' },
    });
    expect(closed.status).toBe(200);
    await page.getByText('Sales of this trip are closed for now').waitFor({ timeout: 5000 });
    await page.getByText('Reserved for a school group').waitFor();
    await expectAccessible(page, 'trip whose sales closed while its map was open');

    // Sales open again: the map comes back, still live.
    const opened = await http(server.baseUrl, 'POST', `${path}/open-sales`, { token: admin });
    expect(opened.status).toBe(200);
    await seatButton(page, 'A4').waitFor({ timeout: 5000 });
    await page.locator('[data-connection="live"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('polls with sinceVersion and the ETag when the socket cannot connect, and stays current', async () => {
    const { tripId } = await createTrip(server);
    const { context, page, errors } = await openPage(browser);
    await context.route('**/socket.io/**', (route) => route.abort());
    const polls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/trips/${tripId}/seats`)) {
        polls.push(`${new URL(request.url()).search} ${request.headers()['if-none-match'] ?? ''}`);
      }
    });
    await openMap(page, server.baseUrl, tripId, 'polling');
    await page.getByText('Updating every few seconds').waitFor();

    const before = Date.now();
    await holdAsSomeoneElse(server, tripId, ['A9']);
    const took = await seatShows(page, 'A9', 'held', before);
    expect(took).toBeLessThan(8000);
    expect(polls.some((poll) => /^\?sinceVersion=\d+ "\d+"$/.test(poll))).toBe(true);
    // a delay changes no seat: the trip itself is read again now and then (15 s)
    const admin = await tokenFor(server.config, ['admin']);
    const trip = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
    const later = new Date(new Date(trip.body.departureAt).getTime() + 45 * 60_000);
    const delayed = await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/delay`, {
      token: admin,
      body: { newDepartureAt: later.toISOString(), reason: 'Heavy rain on the pass' },
    });
    expect(delayed.status).toBe(200);
    await page.getByText(/Delayed by 45 min .*Heavy rain on the pass/).waitFor({ timeout: 25_000 });
    // the user can still hold and book while polling
    await holdFromPage(page, ['A10']);
    await page.getByRole('heading', { name: 'Passengers', level: 1 }).waitFor();
    expect(errors.filter((error) => !error.includes('socket.io'))).toEqual([]);
    await context.close();
  }, 60_000);
});

describeWith(CHROMIUM, 'Web client: a hold that lapses', () => {
  const TTL_SECONDS = 15;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebServer({ SEAT_LOCK_TTL_SECONDS: String(TTL_SECONDS) }, true),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('warns before the end, offers to extend, then says so and goes back to a fresh map', async () => {
    const { tripId } = await createTrip(server);
    const { page, errors } = await openPage(browser);
    await openMap(page, server.baseUrl, tripId);
    await holdFromPage(page, ['A5']);
    await page.getByRole('heading', { name: 'Passengers', level: 1 }).waitFor();

    // Less than two minutes left from the start: the warning and Extend
    await page
      .getByRole('alert')
      .filter({ hasText: 'Less than 2 minutes left on your hold.' })
      .waitFor();
    await page.getByRole('button', { name: 'Extend hold' }).click();
    await page
      .getByText(/Your hold now lasts until/)
      .first()
      .waitFor();

    // Then it lapses: told, and back on the map where A5 is free again
    await page.waitForURL(`**/trips/${tripId}`, { timeout: (TTL_SECONDS + 10) * 1000 });
    await page.getByRole('alert').filter({ hasText: 'Your hold has ended' }).waitFor();
    await page.locator('[data-seat="A5"][data-status="available"]').waitFor();
    expect(await page.locator('[data-hold-banner]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
