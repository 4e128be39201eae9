import type { Browser } from 'playwright-core';
import { http, tokenFor } from '../../../test/utils/api-server';
import { bookingRequest } from '../../../test/utils/bookings';
import { freePort } from '../../../test/utils/ports';
import { describeWith } from '../../../test/utils/requirements';
import { TestSmtpServer } from '../../../test/utils/smtp';
import { createTrip, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, expectAccessible, launchChromium, openPage } from './support/browser';
import { book, fillPassengers, searchAndOpenTrip, TRAVELLERS } from './support/journey';

/** A full trip: the traveller joins its waiting list, is offered a freed seat and books it. */
describeWith(CHROMIUM, 'Web client: the waiting list of a full trip', () => {
  let server: TestServer;
  let browser: Browser;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
    [server, browser] = await Promise.all([
      startWebServer({ SMTP_URL: smtp.url, REDIS_URL: '' }, true),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.stop();
  });

  it('joins the list as a guest, then books the seat offered through the e-mailed link', async () => {
    const { tripId, origin } = await createTrip(server, { rows: 1 });
    const carol = await tokenFor(server.config, ['user']);
    const lock = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: carol,
      body: { tripId, seatNumbers: ['A1', 'A2', 'A3'] },
    });
    expect(lock.status).toBe(201);
    const full = await http(server.baseUrl, 'POST', '/bookings', {
      token: carol,
      body: bookingRequest(tripId, ['A1', 'A2', 'A3']),
    });
    expect(full.status).toBe(201);

    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await searchAndOpenTrip(page, origin);
    await page.getByRole('heading', { name: 'Waiting list' }).waitFor();
    await expectAccessible(page, 'waiting list form');
    const email = `waiting.${Date.now()}@example.com`;
    await page.getByLabel('E-mail for the offer').fill(email);
    await page.getByRole('button', { name: 'Join the waiting list' }).click();
    // Joining or reading the place may be refused: then the page's alert says why.
    await page
      .getByText('You are number 1 on the waiting list for 1 seat(s).')
      .or(page.getByRole('alert'))
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async () => {
        const shown = await page.locator('main').innerText();
        throw new Error(`no place in line after joining; errors ${errors}; page: ${shown}`);
      });
    const refused = await page.getByRole('alert').allTextContents();
    expect({ refused, errors }).toEqual({ refused: [], errors: [] });
    await page.getByText('You are number 1 on the waiting list for 1 seat(s).').waitFor();
    await expectAccessible(page, 'waiting list position');

    // Carol cancels: the seat freed is held for the guest and e-mailed.
    const cancelled = await http(server.baseUrl, 'DELETE', `/bookings/${full.body.bookingId}`, {
      token: carol,
    });
    expect(cancelled.status).toBe(200);
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));
    const mailed = new URL(/https?:\/\/\S+/.exec(mail.text!)![0]);
    expect(mailed.origin).toBe(server.config.http.publicUrl); // PUBLIC_URL, unset here
    expect(mailed.hash).toMatch(/^#guest=/);
    const link = `${server.baseUrl}${mailed.pathname}${mailed.search}${mailed.hash}`;

    // Opened in a fresh browser (as from a phone's mail app): the link brings the session.
    const other = await openPage(browser);
    await other.page.goto(link);
    await other.page.getByRole('heading', { name: 'Choose your seats' }).waitFor();
    expect(new URL(other.page.url()).hash).toBe('');
    const offered = other.page.getByText(/^Held for you from the waiting list: A\d$/);
    await offered.waitFor();
    await expectAccessible(other.page, 'waiting list offer');
    await other.page.getByRole('button', { name: 'Book these seats' }).click();
    await other.page.getByRole('heading', { name: 'Passengers', level: 1 }).waitFor();
    await fillPassengers(other.page, [TRAVELLERS[0]], { email, phone: '0912 345 678' });
    const reference = await book(other.page);
    expect(reference).toMatch(/^[A-Z0-9]+$/);
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });
});
