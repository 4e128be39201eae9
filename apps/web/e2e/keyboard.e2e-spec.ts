import type { Browser } from 'playwright-core';
import { describeWith } from '../../../test/utils/requirements';
import { createTrip, startWebServer, type TestServer } from './support/api';
import { CHROMIUM, launchChromium, openPage } from './support/browser';
import { focused, named, tabTo } from './support/keyboard';

describeWith(CHROMIUM, 'Web client: the whole booking with the keyboard only', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, picks seats with the arrow keys, fills the forms, books and pays', async () => {
    const { origin } = await createTrip(server);
    const { page, errors } = await openPage(browser);
    const keys = page.keyboard;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Where are you going?' }).waitFor();

    // Search: type the origin and submit with Enter
    await tabTo(page, named('From'), 'the origin field');
    await keys.type(origin);
    await keys.press('Enter');
    await page.getByRole('link', { name: new RegExp(`^Choose seats: ${origin}`) }).waitFor();
    await tabTo(page, named(new RegExp(`^Choose seats: ${origin}`)), 'the trip');
    await keys.press('Enter');
    await page.locator('[data-connection="live"]').waitFor();

    // The seat map: one tab stop, arrows to move, Space and Enter to choose
    await tabTo(page, (focus) => focus.seat !== null, 'the seat map');
    expect((await focused(page)).seat).toBe('A1');
    await keys.press('ArrowDown'); // A4
    await keys.press('Space');
    await keys.press('ArrowRight'); // A5
    await keys.press('Enter');
    expect(await focused(page)).toMatchObject({ seat: 'A5', status: 'selected' });
    expect(await page.locator('[data-status="selected"]').count()).toBe(2);
    await tabTo(page, named('Continue'), 'Continue');
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Passengers', level: 1 }).waitFor();

    // Passengers: Tab from field to field, typing
    const travellers = [
      ['Nguyễn Thị Ánh', '079123456789', '0912 345 678'],
      ['Trần Văn Bình', '079123456790', '0912 345 679'],
    ];
    for (const [fullName, idNumber, phone] of travellers) {
      await tabTo(page, named('Full name'), 'a full name');
      await keys.type(fullName);
      await tabTo(page, named('ID number'), 'an ID number');
      await keys.type(idNumber);
      await tabTo(page, named('Phone'), 'a phone');
      await keys.type(phone);
    }
    await tabTo(page, named('Email'), 'the contact e-mail', 12);
    // the passengers' optional e-mails come first: go on to the contact's
    while (
      (await page.evaluate<string>(
        'document.activeElement.closest("fieldset").querySelector("legend").textContent',
      )) !== 'Booking contact'
    ) {
      await tabTo(page, named('Email'), 'the contact e-mail', 12);
    }
    await keys.type('anh@example.com');
    await tabTo(page, named('Phone'), 'the contact phone');
    await keys.type('0912345678');
    await keys.press('Enter'); // submits the form
    await page.getByRole('heading', { name: 'Review your booking' }).waitFor();

    // Review: accept with Space, book with Enter
    await tabTo(page, named(/^I accept the cancellation terms/), 'the terms');
    await keys.press('Space');
    await tabTo(page, named(/^Book · /), 'Book');
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Payment', level: 1 }).waitFor();

    // Demo payment
    await tabTo(page, named(/^Pay .* \(demo\)$/), 'Pay');
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
    expect(await page.getByTestId('booking-reference').textContent()).toMatch(/^BUS/);
    expect(errors).toEqual([]);
  }, 120_000);
});
